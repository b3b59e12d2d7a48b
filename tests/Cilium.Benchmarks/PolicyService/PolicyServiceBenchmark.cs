using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Cilium.Testing;

namespace Cilium.Benchmarks.PolicyService;

/// <summary>
/// Issue 3 §2's figures through REST against the real cilium-policy executable on its own nats-server: apply
/// throughput (one CiliumNetworkPolicy per PUT, several writers) and trace latency p50/p99 with the stored rules
/// in place. Counts are bounded; figures are printed, never asserted.
/// </summary>
public sealed class PolicyServiceBenchmark : IBenchmark
{
    private const int Writers = 8;

    public string Name => "policy-service";
    public string Description => "policy service: applies/s (PUT per policy) and trace latency p50/p99 through REST";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var policies = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var traces = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;
        await using var nats = new NatsServerFixture();
        await nats.InitializeAsync();
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var service = new ServiceProcess("services/Cilium.Policy", "cilium-policy",
            ["--urls", url, $"--Nats:Url={nats.Url}", $"--Policy:Bucket=bench-{RunId.New()}"]);
        service.Start();
        await service.WaitReadyAsync(url + "/readyz");
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

        await ApplyAsync(http, "warm", 50, cancellationToken);
        var watch = Stopwatch.StartNew();
        var latencies = await ApplyAsync(http, "bench", policies, cancellationToken);
        watch.Stop();
        Print($"apply ({Writers} writers, PUT)", policies / watch.Elapsed.TotalSeconds, latencies);

        var batch = string.Join("\n---\n", Enumerable.Range(0, 100).Select(i => Manifest("batch", i)));
        var batchLatencies = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync("/v1/policies", new StringContent(batch.Replace("port: \"80\"", $"port: \"{81 + i}\"", StringComparison.Ordinal), Encoding.UTF8, "application/yaml"), cancellationToken);
            response.EnsureSuccessStatusCode();
            batchLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        Print("apply 100-doc YAML batch", 10 / (batchLatencies.Sum() / 1000), batchLatencies);

        var body = new
        {
            source = new { labels = new[] { "k8s:app=client", "k8s:io.kubernetes.pod.namespace=bench" } },
            destination = new { labels = new[] { "k8s:app=app7", "k8s:io.kubernetes.pod.namespace=bench" } },
            dport = 80,
            protocol = "TCP",
        };
        for (var i = 0; i < 200; i++)
        {
            using var warm = await http.PostAsJsonAsync("/v1/policy/trace", body, cancellationToken);
        }
        var traceLatencies = new List<double>(traces);
        watch.Restart();
        for (var i = 0; i < traces; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsJsonAsync("/v1/policy/trace", body, cancellationToken);
            response.EnsureSuccessStatusCode();
            traceLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        watch.Stop();
        Print($"trace (1 client, {policies + 150} policies)", traces / watch.Elapsed.TotalSeconds, traceLatencies);
    }

    private static async Task<List<double>> ApplyAsync(HttpClient http, string prefix, int count, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(count);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PutAsync($"/v1/namespaces/bench/ciliumnetworkpolicies/{prefix}-{i}",
                    new StringContent(Manifest(prefix, i), Encoding.UTF8, "application/yaml"), cancellationToken);
                response.EnsureSuccessStatusCode();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
            }
        }));
        return latencies;
    }

    private static string Manifest(string prefix, int i) => $"""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: {prefix}-{i}
          namespace: bench
        spec:
          endpointSelector:
            matchLabels:
              app: app{i % 50}
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: client
            toPorts:
            - ports:
              - port: "80"
                protocol: TCP
        """;

    private static void Print(string what, double perSecond, List<double> latencies)
    {
        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-36} {perSecond,9:N0}/s  ({latencies.Count:N0} requests)   p50 {P(0.50),7:F2} ms   p99 {P(0.99),7:F2} ms"));
    }
}
