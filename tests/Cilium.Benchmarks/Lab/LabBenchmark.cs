using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Cilium.Testing;

namespace Cilium.Benchmarks.Lab;

/// <summary>
/// The lab end to end, timed through the real <c>cilium</c> CLI: lab up (3 nodes); pod create (CLI + CNI ADD) and
/// the time until traffic to the new pod flows, p50/p99; 100 pods across the nodes; a full connectivity test.
/// Args: <c>[pods-for-latency=20] [bulk-pods=100] [bulk=both|batch|cli]</c>: the bulk pods through one
/// <c>cilium lab pod create --count N</c> (batch), through one CLI process per pod 4 at a time (cli), or both.
/// Everything lives in a lab of its own, removed at the end.
/// </summary>
public sealed partial class LabBenchmark : IBenchmark
{
    public string Name => "lab";

    public string Description => "lab up, pod create -> traffic p50/p99, 100 pods, connectivity test wall time";

    [GeneratedRegex(@": (?<ip>[0-9.]+) \(netns")]
    private static partial Regex CreatedIp();

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var latencyPods = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var bulkPods = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        var bulkMode = args.Count > 2 ? args[2] : "both";
        // As scripts/lab.sh runs it: the published artifacts/bin (Native AOT cilium-cni beside it) when built, else the build output.
        var published = Path.Combine(RepoPaths.Root, "artifacts", "bin", "cilium.dll");
        var cli = File.Exists(published) ? published : RepoPaths.Executable("services/Cilium.Cli", "cilium");
        Console.WriteLine($"cilium CLI: {cli}");
        var lab = "b" + RunId.New();
        try
        {
            var up = await TimeAsync(cli, cancellationToken, "lab", "up", "--name", lab, "--nodes", "3");
            Console.WriteLine($"lab up (3 nodes):                 {up.Elapsed.TotalSeconds:0.00} s");

            await RunCheckedAsync(cli, cancellationToken, "lab", "pod", "create", "bench/probe", "--node", "worker", "-l", "app=probe", "--name", lab);
            var add = new List<double>();
            var flowing = new List<double>();
            for (var i = 0; i < latencyPods; i++)
            {
                var watch = Stopwatch.StartNew();
                var created = await RunCheckedAsync(cli, cancellationToken, "lab", "pod", "create", $"bench/p{i}", "--node", i % 2 == 0 ? "worker" : "worker2", "-l", "app=bench", "--name", lab);
                add.Add(watch.Elapsed.TotalMilliseconds);
                var ip = CreatedIp().Match(created).Groups["ip"].Value;
                // Allowed traffic flows: the first ping from the probe pod that gets an answer (bounded). A short wait per
                // attempt, so a lost first packet costs 100 ms of resolution rather than a whole second.
                for (var attempt = 0; attempt < 300; attempt++)
                {
                    var ping = await Process("ip", cancellationToken, "netns", "exec", $"{lab}-bench-probe", "ping", "-n", "-c", "1", "-W", "0.1", ip);
                    if (ping.ExitCode == 0)
                    {
                        break;
                    }
                }
                flowing.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"pod create (CLI+CNI ADD), n={latencyPods}:  p50 {P(add, 50):0} ms  p99 {P(add, 99):0} ms");
            Console.WriteLine($"pod create -> traffic flows:       p50 {P(flowing, 50):0} ms  p99 {P(flowing, 99):0} ms");
            // The issue's figure: from the moment ADD has returned (the pod exists for the runtime) to its first answer.
            var afterAdd = flowing.Zip(add, (f, a) => f - a).ToList();
            Console.WriteLine($"  of which ADD returned -> flows:  p50 {P(afterAdd, 50):0} ms  p99 {P(afterAdd, 99):0} ms");

            if (bulkMode is "both" or "batch")
            {
                var batch = Stopwatch.StartNew();
                await RunCheckedAsync(cli, cancellationToken, "lab", "pod", "create", "batch/b", "--count", bulkPods.ToString(CultureInfo.InvariantCulture), "-l", "app=bulk", "--name", lab);
                Console.WriteLine($"{bulkPods} pods across the workers (one CLI, --count {bulkPods}): {batch.Elapsed.TotalSeconds:0.0} s");
            }
            if (bulkMode is "both" or "cli")
            {
                var bulk = Stopwatch.StartNew();
                using var gate = new SemaphoreSlim(4);
                var nodes = new[] { "control-plane", "worker", "worker2" };
                await Task.WhenAll(Enumerable.Range(0, bulkPods).Select(async i =>
                {
                    await gate.WaitAsync(cancellationToken);
                    try
                    {
                        await RunCheckedAsync(cli, cancellationToken, "lab", "pod", "create", $"bulk/b{i}", "--node", nodes[i % 3], "-l", "app=bulk", "--name", lab);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
                Console.WriteLine($"{bulkPods} pods across 3 nodes (one CLI per pod, 4 at a time): {bulk.Elapsed.TotalSeconds:0.0} s");
            }

            var test = await TimeAsync(cli, cancellationToken, "connectivity", "test", "--name", lab);
            Console.WriteLine($"connectivity test wall time:       {test.Elapsed.TotalSeconds:0.0} s (exit {test.ExitCode})");
        }
        finally
        {
            await Process("dotnet", CancellationToken.None, cli, "lab", "down", "--force", "--name", lab);
        }
    }

    private static double P(List<double> values, int percentile)
    {
        return values.Count == 0 ? 0 : Support.Percentiles.Of(values, percentile / 100.0);
    }

    private static async Task<(TimeSpan Elapsed, int ExitCode)> TimeAsync(string cli, CancellationToken ct, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var result = await Process("dotnet", ct, [cli, .. args]);
        if (result.ExitCode != 0 && args[0] == "lab")
        {
            throw new InvalidOperationException($"cilium {string.Join(' ', args)}: {result.Output}");
        }
        return (watch.Elapsed, result.ExitCode);
    }

    private static async Task<string> RunCheckedAsync(string cli, CancellationToken ct, params string[] args)
    {
        var result = await Process("dotnet", ct, [cli, .. args]);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"cilium {string.Join(' ', args)}: {result.Output}");
    }

    private static async Task<(int ExitCode, string Output)> Process(string file, CancellationToken ct, params string[] args)
    {
        using var p = System.Diagnostics.Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        return (p.ExitCode, await output + await error);
    }
}
