namespace Cilium.Agent.Tests;

/// <summary>These tests need root and bpffs; without them they fail with the reason, never pass silently.</summary>
internal static class Require
{
    public static void RootAndBpf()
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsRoot())
        {
            throw new InvalidOperationException("agent tests need root (network namespaces, eBPF); run them as root");
        }
        if (!Directory.Exists("/sys/fs/bpf") || !File.ReadAllText("/proc/mounts").Contains(" /sys/fs/bpf bpf ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("bpffs is not mounted at /sys/fs/bpf; run scripts/prereqs.sh (mount -t bpf bpf /sys/fs/bpf)");
        }
    }

    private static bool IsRoot() => File.ReadAllText("/proc/self/status").Split('\n').Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");
}
