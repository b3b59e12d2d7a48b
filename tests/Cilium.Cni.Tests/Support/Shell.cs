using System.Diagnostics;

namespace Cilium.Cni.Tests.Support;

/// <summary>Runs a command and returns its exit code and output; for ip, ping and friends.</summary>
internal static class Shell
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IReadOnlyList<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (env is not null)
        {
            foreach (var (k, v) in env)
            {
                psi.Environment[k] = v;
            }
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Runs and throws with the output on a non-zero exit.</summary>
    public static async Task<string> CheckedAsync(string file, params string[] args)
    {
        var (exit, output, error) = await RunAsync(file, args);
        return exit == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {exit}: {error}{output}");
    }
}
