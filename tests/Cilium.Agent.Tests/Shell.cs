using System.Diagnostics;

namespace Cilium.Agent.Tests;

/// <summary>Runs iproute2 and friends; a failure throws with the command and its stderr.</summary>
internal static class Shell
{
    public static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? stdout : throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {p.ExitCode}: {stderr.Trim()}");
    }

    public static void TryRun(string file, params string[] args)
    {
        try
        {
            Run(file, args);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
