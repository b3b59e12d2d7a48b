using System.Diagnostics;
using System.Globalization;
using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Connectivity;

/// <summary>Runs one action from inside its source's namespace: the HTTP client workload, or ping.</summary>
public sealed class ActionRunner(Executables executables, TimeSpan connectTimeout, TimeSpan requestTimeout)
{
    public async Task<ActionResult> RunAsync(ConnectivityAction action, CancellationToken ct)
    {
        IReadOnlyList<string> command = action.Kind switch
        {
            ActionKind.Http =>
            [
                .. executables.Command("cilium"), "lab", "http-get", $"http://{action.Destination.Ip}:{action.Port}/",
                "--connect-timeout", Durations.Format(connectTimeout), "--request-timeout", Durations.Format(requestTimeout),
            ],
            _ => ["ping", "-n", "-c", "1", "-W", Math.Max(1, (int)Math.Ceiling(connectTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture), action.Destination.Ip],
        };
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var result = await Shell.RunAsync("ip", ["netns", "exec", action.Source.Netns, .. command], ct,
            timeout: connectTimeout + requestTimeout + TimeSpan.FromSeconds(10));
        return new ActionResult(action, started, result.Ok, result.ExitCode, (result.StdOut + result.StdErr).Trim(), watch.Elapsed);
    }
}
