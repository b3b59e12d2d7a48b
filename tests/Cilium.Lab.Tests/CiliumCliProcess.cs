using System.Diagnostics;
using Cilium.Testing;

namespace Cilium.Lab.Tests;

/// <summary>Runs the real <c>cilium</c> (and <c>hubble</c>) executables (as built beside this test) and keeps what they printed.</summary>
public static class CiliumCliProcess
{
    public static string Dll { get; } = RepoPaths.Executable("services/Cilium.Cli", "cilium");

    public static string HubbleDll { get; } = RepoPaths.Executable("services/Cilium.Hubble.Cli", "hubble");

    public static Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, params string[] args) => RunDllAsync(Dll, timeout, args);

    public static Task<(int ExitCode, string Output)> RunHubbleAsync(TimeSpan timeout, params string[] args) => RunDllAsync(HubbleDll, timeout, args);

    private static async Task<(int ExitCode, string Output)> RunDllAsync(string dll, TimeSpan timeout, string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (124, $"{Path.GetFileNameWithoutExtension(dll)} {string.Join(' ', args)} timed out after {timeout}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts a long-running command inside a pod's namespace, marked as the lab's so that lab down finds it.</summary>
    public static Process StartInNetns(string lab, string netns, params string[] args)
    {
        var psi = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "netns", "exec", netns, "dotnet", Dll }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["CILIUM_LAB"] = lab;
        return Process.Start(psi)!;
    }
}
