using System.Diagnostics;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>Runs iproute2 and friends with a bounded wait; a failure carries the command and its output.</summary>
internal static class Shell
{
    public static (int ExitCode, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 30 s");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary><c>ip &lt;args&gt;</c>; throws when it fails.</summary>
    public static string Ip(params string[] args)
    {
        var (code, output) = Run("ip", args);
        return code == 0 ? output : throw new InvalidOperationException($"ip {string.Join(' ', args)} failed ({code}): {output}");
    }

    public static void Sysctl(string netns, string setting) => Ip("netns", "exec", netns, "sysctl", "-qw", setting);
}
