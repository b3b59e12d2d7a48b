using Cilium.Hubble.Cli;

namespace Cilium.Hubble.Tests.Support;

/// <summary>Runs the <c>hubble</c> CLI's command handlers in-process and keeps what they printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await HubbleCli.RunAsync(args, stdout, stderr, cts.Token);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }
}
