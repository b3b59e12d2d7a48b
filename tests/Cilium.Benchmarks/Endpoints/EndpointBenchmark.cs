using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Testing;

namespace Cilium.Benchmarks.Endpoints;

/// <summary>
/// Endpoint PUTs through REST against two real <c>cilium-endpoint</c> replicas on one real nats-server, all on
/// 127.0.0.1. Each PUT creates an endpoint with a fresh IPv4 and IPv6 (an IP claim and a record per address, all
/// compare-and-swap). Args: <c>[count=2000] [concurrency=32] [maxSeconds=60]</c>.
/// </summary>
public sealed class EndpointBenchmark : IBenchmark
{
    public string Name => "endpoint";

    public string Description => "endpoint service: PUT /v1/endpoints throughput and p50/p99 latency, two replicas";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(Arg(args, 0, 2000), 1, 60_000);
        var concurrency = Math.Clamp(Arg(args, 1, 32), 1, 256);
        var limit = TimeSpan.FromSeconds(Math.Clamp(Arg(args, 2, 60), 1, 600));

        var nats = new NatsServerFixture();
        await nats.StartAsync();
        var replicas = new List<(ServiceProcess Process, HttpClient Client)>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var url = $"http://127.0.0.1:{FreePort.Next()}";
                var process = new ServiceProcess("services/Cilium.Endpoint", "cilium-endpoint",
                    ["--urls", url, $"--Nats:Url={nats.Url}", "--Logging:LogLevel:Default=Warning"]);
                process.Start();
                replicas.Add((process, new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) }));
                await process.WaitReadyAsync(url + "/readyz");
            }

            // Warm-up: JIT and connections, in a namespace of its own, not measured.
            await RunAsync(replicas.Select(r => r.Client).ToArray(), "warmup", 0, 200, concurrency, limit, cancellationToken);
            var (latencies, elapsed, failures) = await RunAsync(replicas.Select(r => r.Client).ToArray(), "bench", 200, count, concurrency, limit, cancellationToken);

            latencies.Sort();
            Console.WriteLine($"endpoint PUTs: {latencies.Count} in {elapsed.TotalSeconds:F2} s with {concurrency} in flight over 2 replicas ({failures} failed)");
            Console.WriteLine($"  throughput  {latencies.Count / elapsed.TotalSeconds,10:F0} PUT/s");
            Console.WriteLine($"  p50         {Percentile(latencies, 0.50),10:F2} ms");
            Console.WriteLine($"  p99         {Percentile(latencies, 0.99),10:F2} ms");
            Console.WriteLine($"  max         {latencies[^1],10:F2} ms");
            var list = Stopwatch.StartNew();
            var listed = await replicas[1].Client.GetFromJsonAsync<CiliumEndpoint[]>("/v1/endpoints?namespace=bench", CiliumJson.Options, cancellationToken);
            Console.WriteLine($"  list of {listed!.Length} endpoints: {list.Elapsed.TotalMilliseconds:F1} ms");
        }
        finally
        {
            foreach (var (process, client) in replicas)
            {
                await process.DisposeAsync();
                client.Dispose();
            }
            await nats.DisposeAsync();
        }
    }

    private static async Task<(List<double> Latencies, TimeSpan Elapsed, int Failures)> RunAsync(
        HttpClient[] clients, string ns, int offset, int count, int concurrency, TimeSpan limit, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(count);
        var failures = 0;
        var next = -1;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var total = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !deadline.IsCancellationRequested)
            {
                var n = offset + i;
                // 198.18.0.0/15 and fd00::/8 only: n < 65536*2 keeps every address inside them.
                var request = new PutEndpointRequest(
                    $"node-{n % 3}", (n % 4095) + 1,
                    new EndpointAddressing($"198.{18 + (n >> 16)}.{(n >> 8) & 255}.{n & 255}", $"fd00::b:{n:x}"),
                    1000 + (n % 50), ["k8s:app=bench"], [new NamedPort("http", 8080, "TCP")]);
                var one = Stopwatch.StartNew();
                try
                {
                    using var response = await clients[n % clients.Length].PutAsJsonAsync($"/v1/endpoints/{ns}/pod-{n}", request, CiliumJson.Options, deadline.Token);
                    var ms = one.Elapsed.TotalMilliseconds;
                    lock (latencies)
                    {
                        if (response.IsSuccessStatusCode)
                        {
                            latencies.Add(ms);
                        }
                        else
                        {
                            failures++;
                        }
                    }
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    return;
                }
            }
        }).ToArray();
        await Task.WhenAll(workers);
        return (latencies, total.Elapsed, failures);
    }

    private static double Percentile(List<double> sorted, double p) => Support.Percentiles.OfSorted(sorted, p);

    private static int Arg(IReadOnlyList<string> args, int index, int fallback) =>
        args.Count > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
