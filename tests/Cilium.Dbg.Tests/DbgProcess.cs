using System.Diagnostics;
using Cilium.Testing;

namespace Cilium.Dbg.Tests;

/// <summary>Runs the real cilium-dbg executable (<c>dotnet cilium-dbg.dll args</c>) with a chosen <c>CILIUM_SOCK</c>.</summary>
public static class DbgProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string Dll => RepoPaths.Executable("services/Cilium.Dbg", "cilium-dbg");

    /// <summary>Starts cilium-dbg without waiting; for commands that run until interrupted.</summary>
    /// <remarks>
    /// Through <c>env --default-signal=INT</c>, as from a terminal where Ctrl-C works: a shell starts background jobs
    /// with SIGINT ignored, the ignored disposition is inherited down to cilium-dbg, and .NET then never reports
    /// Ctrl-C, so a test run started with <c>&amp;</c> failed the Ctrl-C test for a reason that is not cilium-dbg's.
    /// </remarks>
    public static Process Start(string? socket, params string[] args)
    {
        var psi = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("--default-signal=INT");
        psi.ArgumentList.Add("dotnet");
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (socket is null)
        {
            psi.Environment.Remove("CILIUM_SOCK");
        }
        else
        {
            psi.Environment["CILIUM_SOCK"] = socket;
        }
        return Process.Start(psi) ?? throw new InvalidOperationException("cilium-dbg did not start");
    }

    public static async Task<DbgResult> RunAsync(string? socket, params string[] args)
    {
        using var process = Start(socket, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cilium-dbg {string.Join(' ', args)} did not finish in {Limit}: {await stdout}{await stderr}");
        }
        return new DbgResult(process.ExitCode, await stdout, await stderr);
    }
}
