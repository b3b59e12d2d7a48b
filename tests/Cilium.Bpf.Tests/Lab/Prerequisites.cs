namespace Cilium.Bpf.Tests.Lab;

/// <summary>What the datapath tests need from the machine; missing pieces fail the test with the reason, never skip it.</summary>
internal static class Prerequisites
{
    public static void Require()
    {
        if (Environment.UserName != "root" && Environment.GetEnvironmentVariable("USER") != "root" && !IsUidZero())
        {
            throw new InvalidOperationException("the datapath tests load eBPF programs and create network namespaces: run them as root (CAP_BPF, CAP_NET_ADMIN, CAP_SYS_ADMIN)");
        }
        if (!File.Exists("/sys/fs/bpf") && !Directory.Exists("/sys/fs/bpf"))
        {
            throw new InvalidOperationException("/sys/fs/bpf does not exist: this kernel has no bpffs (eBPF) support");
        }
        if (!Cilium.Bpf.Bpffs.IsBpffs("/sys/fs/bpf"))
        {
            var (code, output) = Shell.Run("mount", "-t", "bpf", "bpf", "/sys/fs/bpf");
            if (code != 0)
            {
                throw new InvalidOperationException($"bpffs is not mounted at /sys/fs/bpf and mounting it failed: {output} (scripts/prereqs.sh mounts it)");
            }
        }
        Cilium.Testing.Tools.Require("ip", "iproute2");
        Cilium.Testing.Tools.Require("ping", "iputils-ping");
    }

    private static bool IsUidZero()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0";
            }
        }
        return false;
    }
}
