using System.Globalization;
using System.Text.RegularExpressions;

namespace Cilium.Benchmarks.Cni;

/// <summary>
/// CNI ADD and DEL latency through the real plugin process against a real agent on one node namespace, the way a
/// runtime calls it (one <c>ip netns exec node dotnet cilium-cni.dll</c> per verb). Also the bare process start
/// (VERSION) and the part of each ADD spent inside the plugin (its log line), to show where the time goes.
/// Args: <c>[pods=30] [maxSeconds=300]</c>.
/// </summary>
public sealed partial class CniBenchmark : IBenchmark
{
    public string Name => "cni";

    public string Description => "cilium-cni: ADD/DEL p50/p99 over N pods against a real agent, process start cost";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var pods = Math.Clamp(Arg(args, 0, 30), 2, 200);
        var limit = TimeSpan.FromSeconds(Math.Clamp(Arg(args, 1, 300), 10, 1800));
        await using var node = new BenchCniNode();
        await node.StartAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);

        var starts = new List<double>();
        for (var i = 0; i < 10 && !deadline.IsCancellationRequested; i++)
        {
            starts.Add((await node.InvokeAsync("VERSION", "v", null, "")).Ms);
        }

        // Warm-up pod (first identity allocation, first BPF object load): not counted.
        var warm = await node.CreatePodAsync(0);
        var warmAdd = await node.InvokeAsync("ADD", $"cbn{node.RunId}w", warm, "K8S_POD_NAMESPACE=bench;K8S_POD_NAME=warm;CILIUM_LABELS=app=bench");
        if (warmAdd.ExitCode != 0)
        {
            Console.WriteLine($"warm-up ADD failed: {warmAdd.Output}");
            return;
        }
        File.WriteAllText(node.LogFile, "");

        var adds = new List<double>();
        var dels = new List<double>();
        var failures = 0;
        for (var i = 1; i <= pods && !deadline.IsCancellationRequested; i++)
        {
            var netns = await node.CreatePodAsync(i);
            // Half the pods share a label set: an existing identity and a new one both occur, as in a real rollout.
            var labels = i % 2 == 0 ? "app=bench" : $"app=bench-{i}";
            var add = await node.InvokeAsync("ADD", $"cbn{node.RunId}c{i}", netns, $"K8S_POD_NAMESPACE=bench;K8S_POD_NAME=pod-{i};CILIUM_LABELS={labels}");
            if (add.ExitCode == 0)
            {
                adds.Add(add.Ms);
            }
            else
            {
                failures++;
                Console.WriteLine($"  ADD {i} failed: {add.Output}");
            }
        }
        for (var i = 1; i <= adds.Count + failures && !deadline.IsCancellationRequested; i++)
        {
            var del = await node.InvokeAsync("DEL", $"cbn{node.RunId}c{i}", $"/var/run/netns/cbn-{node.RunId}-p{i}", "");
            dels.Add(del.Ms);
        }
        var inside = InPluginMs(File.ReadAllText(node.LogFile), "ADD");
        var insideDel = InPluginMs(File.ReadAllText(node.LogFile), "DEL");

        Console.WriteLine($"cilium-cni on one node namespace, {adds.Count} pods ({failures} failed ADDs), sequential; plugin: {string.Join(' ', node.CniCommand)}");
        Report("process start (VERSION)", starts);
        Report("ADD (process, wall)", adds);
        Report("  of which in-plugin", inside);
        // The plugin's own split of each ADD (its log line: "steps: prepare=1 pending=0 ipam=3 links=9 endpoint=20").
        var log = File.ReadAllText(node.LogFile);
        foreach (var step in new[] { "prepare", "pending", "ipam", "links", "endpoint" })
        {
            Report($"    {step}", StepMs(log, step));
        }
        Report("    runtime start", log.Split('\n').Select(l => BeforeMain().Match(l)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList());
        Report("DEL (process, wall)", dels);
        Report("  of which in-plugin", insideDel);
        Console.WriteLine("  goal: ADD p99 < 100 ms");
    }

    private static List<double> InPluginMs(string log, string verb) =>
        log.Split('\n')
            .Where(l => l.Contains($" {verb} ", StringComparison.Ordinal))
            .Select(l => InMs().Match(l))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();

    private static List<double> StepMs(string log, string step) =>
        log.Split('\n')
            .Where(l => l.Contains(" ADD ", StringComparison.Ordinal))
            .Select(l => Regex.Match(l, $@"[ (]{step}=(\d+)"))
            .Where(m => m.Success)
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();

    private static void Report(string what, List<double> values)
    {
        if (values.Count == 0)
        {
            Console.WriteLine($"  {what,-26} no samples");
            return;
        }
        values.Sort();
        Console.WriteLine($"  {what,-26} n={values.Count,4}  p50 {Percentile(values, 0.50),8:F1} ms  p99 {Percentile(values, 0.99),8:F1} ms  max {values[^1],8:F1} ms");
    }

    private static double Percentile(List<double> sorted, double p) => Support.Percentiles.OfSorted(sorted, p);

    private static int Arg(IReadOnlyList<string> args, int index, int fallback) =>
        args.Count > index && int.TryParse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    [GeneratedRegex(@"process (\d+) ms before main")]
    private static partial Regex BeforeMain();

    [GeneratedRegex(@" in (\d+) ms")]
    private static partial Regex InMs();
}
