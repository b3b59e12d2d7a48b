using System.Diagnostics;
using Cilium.Testing;

namespace Cilium.Dbg.Tests;

/// <summary>Runs the real cilium-dbg executable (<c>dotnet cilium-dbg.dll args</c>) with a chosen <c>CILIUM_SOCK</c>.</summary>
public static class DbgProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string Dll => RepoPaths.Executable("services/Cilium.Dbg", "cilium-dbg");

    /// <summary>Starts cilium-dbg without waiting; for commands that run until interrupted.</summary>
    public static Process Start(string? socket, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
