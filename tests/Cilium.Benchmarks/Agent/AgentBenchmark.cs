using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Benchmarks.Support;
using Cilium.Testing;
using NATS.Client.Core;

namespace Cilium.Benchmarks.Agent;

/// <summary>
/// Issue 5's figures on real processes: agent start to ready, endpoint creation (PUT -> ready), policy propagation
/// (accepted by the policy service -> entry present in the maps of every agent), agent memory with many identities.
/// Endpoints here have no veth (interface-index 0): their programs and maps are loaded, nothing is attached, so no
/// network state is created. Bounded counts; everything on 127.0.0.1 and under unique names.
/// </summary>
public sealed partial class AgentBenchmark : IBenchmark
{
    public string Name => "agent";
    public string Description => "agent: start->ready, endpoint PUT->ready, policy propagation to every agent, memory";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var agents = Arg(args, 0, 3);
        var endpointsPerAgent = Arg(args, 1, 10);
        var policies = Arg(args, 2, 20);
        var identities = Arg(args, 3, 2000);
        var run = RunId.New();
        var dir = Path.Combine(Path.GetTempPath(), $"cilium-bench-agent-{run}");
        await using var nats = new NatsServerFixture();
        await nats.InitializeAsync();
        var urls = new[] { FreeUrl(), FreeUrl(), FreeUrl() };
        var services = new[]
        {
            new ServiceProcess("services/Cilium.Identity", "cilium-identity", ["--urls", urls[0], $"--Nats:Url={nats.Url}"]),
            new ServiceProcess("services/Cilium.Endpoint", "cilium-endpoint", ["--urls", urls[1], $"--Nats:Url={nats.Url}"]),
            new ServiceProcess("services/Cilium.Policy", "cilium-policy", ["--urls", urls[2], $"--Nats:Url={nats.Url}"]),
        };
        var nodes = new List<(ServiceProcess Process, HttpClient Client, string Bpffs)>();
        try
        {
            for (var i = 0; i < services.Length; i++)
            {
                services[i].Start();
                await services[i].WaitReadyAsync(urls[i] + "/readyz");
            }
            var starts = new List<double>();
            for (var i = 0; i < agents; i++)
            {
                var socket = Path.Combine(dir, $"n{i}", "cilium.sock");
                var bpffs = $"/sys/fs/bpf/cilium-bench-{run}-n{i}";
                var agent = new ServiceProcess("services/Cilium.Agent", "cilium-agent",
                [
                    $"--Nats:Url={nats.Url}", $"--Agent:NodeName=bench-{run}-n{i}", $"--Agent:SocketPath={socket}",
                    $"--Agent:StateDir={Path.Combine(dir, $"n{i}", "state")}", $"--Agent:BpffsRoot={bpffs}",
                    $"--Agent:PodCidr=198.18.{64 + (4 * i)}.0/22", $"--Agent:NodeIp=198.18.0.{60 + i}",
                    $"--Agent:IdentityUrl={urls[0]}", $"--Agent:EndpointUrl={urls[1]}", $"--Agent:PolicyUrl={urls[2]}",
                    $"--Hubble:ListenAddress=127.0.0.1:{FreePort.Next()}", $"--Hubble:SocketPath={Path.Combine(dir, $"n{i}", "hubble.sock")}",
                ]);
                var client = UnixSocketHttp.Client(socket, TimeSpan.FromSeconds(60));
                var sw = Stopwatch.StartNew();
                agent.Start();
                await WaitReadyAsync(client, cancellationToken);
                starts.Add(sw.Elapsed.TotalMilliseconds);
                nodes.Add((agent, client, bpffs));
            }
            Console.WriteLine($"agent start -> ready        p50 {Percentiles.Of(starts, 0.50),8:F0} ms   max {starts.Max(),8:F0} ms   ({agents} agents, goal < 5000 ms)");

            await WarmClientAsync(run, cancellationToken);
            var creates = new List<double>();
            var names = new List<string>();
            var web = new List<(int Node, long Id)>();
            for (var e = 0; e < endpointsPerAgent; e++)
            {
                for (var n = 0; n < nodes.Count; n++)
                {
                    var app = e % 2 == 0 ? "web" : "client";
                    var request = new EndpointChangeRequest(EndpointState.WaitingForIdentity,
                        Addressing: new AddressPair(Ipv4: PodIp(n, e)), ContainerId: $"b{run}{n}{e}",
                        K8sNamespace: "bench", K8sPodName: $"{app}-{n}-{e}", Labels: [$"k8s:app={app}", $"k8s:io.kubernetes.pod.namespace=bench"], SyncBuildEndpoint: true);
                    var sw = Stopwatch.StartNew();
                    using var body = SizedJson(request);
                    using var response = await nodes[n].Client.PutAsync("/v1/endpoint/0", body, cancellationToken);
                    var created = JsonSerializer.Deserialize<Endpoint>(await response.Content.ReadAsStringAsync(cancellationToken), CiliumJson.Options)!;
                    creates.Add(sw.Elapsed.TotalMilliseconds);
                    names.Add($"bench/{app}-{n}-{e}");
                    if (created.Status?.State != EndpointState.Ready)
                    {
                        throw new InvalidOperationException($"endpoint {created.Id} on node {n} is {created.Status?.State}");
                    }
                    if (app == "web")
                    {
                        web.Add((n, created.Id));
                    }
                }
            }
            Console.WriteLine($"endpoint PUT -> ready       p50 {Percentiles.Of(creates, 0.50),8:F1} ms   p99 {Percentiles.Of(creates, 0.99),8:F1} ms   ({creates.Count} endpoints, goal p99 < 50 ms)");
            Console.WriteLine($"  first PUT per agent (cold) {string.Join(", ", Enumerable.Range(0, nodes.Count).Select(n => creates[n].ToString("F1", CultureInfo.InvariantCulture)))} ms");
            // The first creation of each agent pays what a process does once (JIT of the path, first map of its kind);
            // the rest is what a node's pods see from then on.
            var warm = creates.Skip(nodes.Count).ToList();
            Console.WriteLine($"  after each agent's first  p50 {Percentiles.Of(warm, 0.50),8:F1} ms   p99 {Percentiles.Of(warm, 0.99),8:F1} ms   ({warm.Count} endpoints)");
            // The agents' own account (EndpointManager's log line): identity service answer, then the regeneration.
            var lines = nodes.SelectMany(n => CreationLine().Matches(n.Process.Log)).ToDictionary(m => m.Groups["name"].Value, StringComparer.Ordinal);
            var split = lines.Values.Select(m => (Identity: Ms(m.Groups["identity"].Value), Regeneration: Ms(m.Groups["regeneration"].Value))).ToList();
            // Where each of the slowest went, by the agent's own account (identity+regeneration); the rest of the time is
            // the request's way in and out of the agent.
            Console.WriteLine($"  slowest five (identity+regeneration) {string.Join(", ", creates.Select((ms, i) => (ms, i)).OrderByDescending(c => c.ms).Take(5).Select(c =>
                $"{c.ms.ToString("F1", CultureInfo.InvariantCulture)} (#{c.i + 1}, node {c.i % nodes.Count}" +
                (lines.TryGetValue(names[c.i], out var m) ? $", {m.Groups["identity"].Value}+{m.Groups["regeneration"].Value})" : ")")))} ms");
            var firsts = nodes.Select(n => CreationLine().Match(n.Process.Log)).Where(m => m.Success)
                .Select(m => $"{m.Groups["identity"].Value}+{m.Groups["regeneration"].Value}").ToList();
            if (firsts.Count > 0)
            {
                Console.WriteLine($"  first PUT per agent, identity+regeneration {string.Join(", ", firsts)} ms");
            }
            if (split.Count > 0)
            {
                Console.WriteLine($"  of which identity         p50 {Percentiles.Of([.. split.Select(s => s.Identity)], 0.50),8:F1} ms   p99 {Percentiles.Of([.. split.Select(s => s.Identity)], 0.99),8:F1} ms");
                Console.WriteLine($"  of which regeneration     p50 {Percentiles.Of([.. split.Select(s => s.Regeneration)], 0.50),8:F1} ms   p99 {Percentiles.Of([.. split.Select(s => s.Regeneration)], 0.99),8:F1} ms");
            }

            // One web endpoint per node is watched; its map is read straight from the kernel through the agent.
            var watched = nodes.Select((_, n) => web.First(w => w.Node == n)).ToArray();
            using var http = new HttpClient { BaseAddress = new Uri(urls[2]) };
            var clientIdentity = (await nodes[0].Client.GetFromJsonAsync<Endpoint[]>("/v1/endpoint", CiliumJson.Options, cancellationToken))!
                .First(e => e.Status!.Labels!.SecurityRelevant!.Contains("k8s:app=client")).Status!.Identity!.Id;
            var propagation = new List<double>();
            var published = new List<double>();
            // When each policy's event goes out on NATS (a plain subscriber, as any external tool): splits propagation
            // into the policy service's outbox and the agents' side (consume, engine, map writes).
            await using var bus = new NatsConnection(NatsOpts.Default with { Url = nats.Url });
            var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var subscription = await bus.SubscribeCoreAsync<byte[]>("cilium.v1.policy.>", cancellationToken: cancellationToken);
            var listening = Task.Run(async () =>
            {
                await foreach (var msg in subscription.Msgs.ReadAllAsync(cancellationToken))
                {
                    seen.TryAdd(msg.Subject, Stopwatch.GetTimestamp());
                }
            }, cancellationToken);
            await bus.PingAsync(cancellationToken);
            // The probe reads each watched map once before the first policy: its first read compiles the map API's
            // handler in the agent and the answer's JSON here, tens of milliseconds that belong to the probe, not to
            // propagation (no policy travels through this API).
            foreach (var (node, id) in watched)
            {
                await nodes[node].Client.GetFromJsonAsync<BPFMap>($"/v1/map/{AgentPaths.PolicyMapName(id)}", CiliumJson.Options, cancellationToken);
            }
            for (var p = 0; p < policies; p++)
            {
                var port = 2000 + p;
                var manifest = $$$"""
                    {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"bench-{{{p}}}","namespace":"bench"},
                     "spec":{"endpointSelector":{"matchLabels":{"app":"web"}},"ingress":[{"fromEndpoints":[{"matchLabels":{"app":"client"}}],"toPorts":[{"ports":[{"port":"{{{port}}}","protocol":"TCP"}]}]}]}}
                    """;
                var sw = Stopwatch.StartNew();
                var start = Stopwatch.GetTimestamp();
                using var put = await http.PutAsync($"/v1/namespaces/bench/ciliumnetworkpolicies/bench-{p}", new StringContent(manifest, Encoding.UTF8, "application/json"), cancellationToken);
                put.EnsureSuccessStatusCode();
                var accepted = sw.Elapsed.TotalMilliseconds;
                var expected = $"Ingress {clientIdentity} {port}/TCP";
                foreach (var (node, id) in watched)
                {
                    var deadline = DateTime.UtcNow.AddSeconds(30);
                    while (DateTime.UtcNow < deadline)
                    {
                        var map = (await nodes[node].Client.GetFromJsonAsync<BPFMap>($"/v1/map/{AgentPaths.PolicyMapName(id)}", CiliumJson.Options, cancellationToken))!;
                        if (map.Cache!.Any(c => c.Key == expected))
                        {
                            break;
                        }
                        await Task.Delay(2, cancellationToken);
                    }
                }
                propagation.Add(sw.Elapsed.TotalMilliseconds - accepted);
                var eventAt = seen.FirstOrDefault(s => s.Key.EndsWith($".bench-{p}", StringComparison.Ordinal)).Value;
                published.Add(eventAt == 0 ? double.NaN : Stopwatch.GetElapsedTime(start, eventAt).TotalMilliseconds - accepted);
            }
            await subscription.UnsubscribeAsync();
            await listening;
            Console.WriteLine($"policy propagation          p50 {Percentiles.Of(propagation, 0.50),8:F1} ms   p99 {Percentiles.Of(propagation, 0.99),8:F1} ms   ({policies} policies to {agents} agents, goal p99 < 100 ms)");
            // With 20 samples p99 is the slowest one. The first policy is shown apart: it is the first to take each process's
            // policy path, which the services and agents rehearse before they are ready.
            Console.WriteLine($"  first policy (cold) {propagation[0],8:F1} ms;  the others  p50 {Percentiles.Of(propagation.Skip(1).ToList(), 0.50),8:F1} ms   p99 {Percentiles.Of(propagation.Skip(1).ToList(), 0.99),8:F1} ms");
            Console.WriteLine($"  of which accepted->event  p50 {Percentiles.Of(published, 0.50),8:F1} ms   p99 {Percentiles.Of(published, 0.99),8:F1} ms   (the policy service's outbox; negative: out before the PUT answered)");

            using (var ids = new HttpClient { BaseAddress = new Uri(urls[0]) })
            {
                var batches = Enumerable.Range(0, identities).Chunk(32);
                foreach (var batch in batches)
                {
                    await Task.WhenAll(batch.Select(i => ids.PostAsJsonAsync("/v1/identities", new { labels = new[] { $"k8s:app=mem-{i}", "k8s:io.kubernetes.pod.namespace=bench" } }, cancellationToken)));
                }
            }
            await Task.Delay(2000, cancellationToken);
            var rss = nodes.Select(n => Rss(n.Process.Pid)).ToArray();
            Console.WriteLine($"agent memory (RSS)          max {rss.Max() / 1024.0,8:F1} MB   ({identities} extra identities, {creates.Count} endpoints cluster-wide, goal < 250 MB)");
        }
        finally
        {
            foreach (var n in nodes)
            {
                await n.Process.DisposeAsync();
                n.Client.Dispose();
                if (Directory.Exists(n.Bpffs))
                {
                    Directory.Delete(n.Bpffs, recursive: true);
                }
            }
            foreach (var s in services)
            {
                await s.DisposeAsync();
            }
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    // Only the benchmark's own endpoints: each agent also creates and deletes one of its own before it is ready.
    [System.Text.RegularExpressions.GeneratedRegex(@"\((?<name>bench/[^)]+)\) \S+ in [0-9.]+ ms: identity \d+ after (?<identity>[0-9.]+) ms, regeneration (?<regeneration>[0-9.]+) ms")]
    private static partial System.Text.RegularExpressions.Regex CreationLine();

    private const string SampleAnswer = """
        {"id":1,"spec":{},"status":{"state":"ready","identity":{"id":70000,"labels":["k8s:app=warm"]},"labels":{"security-relevant":["k8s:app=warm"]},
         "networking":{"addressing":[{"ipv4":"198.18.64.10"}]},"external-identifiers":{"container-id":"c","pod-name":"bench/warm"},"policy":{},
         "log":[{"code":"OK","message":"ready","state":"ready","timestamp":"2026-01-01T00:00:00Z"}],"health":{"overallHealth":"OK"}}}
        """;

    /// <summary>
    /// This process's own first serialization of the request and reading of the answer, in memory: without it the first
    /// timed PUT carries ~150 ms of the benchmark's own JIT, which no CNI plugin (precompiled) pays.
    /// </summary>
    private static async Task WarmClientAsync(string run, CancellationToken cancellationToken)
    {
        var request = new EndpointChangeRequest(EndpointState.WaitingForIdentity, Addressing: new AddressPair(Ipv4: PodIp(0, 0)),
            ContainerId: $"b{run}", K8sNamespace: "bench", K8sPodName: "warm", Labels: ["k8s:app=warm"], SyncBuildEndpoint: true);
        using var content = SizedJson(request);
        await content.ReadAsStringAsync(cancellationToken);
        JsonSerializer.Deserialize<Endpoint>(SampleAnswer, CiliumJson.Options);
    }

    /// <summary>
    /// The request as the CNI plugin sends it: serialized first, with a <c>Content-Length</c> (a streamed
    /// <c>JsonContent</c> goes out chunked, which no CNI ADD does).
    /// </summary>
    private static ByteArrayContent SizedJson(EndpointChangeRequest request)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, CiliumJson.Options));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Endpoint <paramref name="e"/> of node <paramref name="n"/>, in that node's /22 (up to 1,000 endpoints each).</summary>
    private static string PodIp(int n, int e) => $"198.18.{64 + (4 * n) + ((10 + e) / 256)}.{(10 + e) % 256}";

    private static double Ms(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    private static int Arg(IReadOnlyList<string> args, int index, int fallback) =>
        args.Count > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static string FreeUrl() => $"http://127.0.0.1:{FreePort.Next()}";

    private static long Rss(int? pid) =>
        pid is null ? 0 : File.ReadAllLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).FirstOrDefault();

    private static async Task WaitReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var r = await client.GetAsync("/readyz", cancellationToken);
                if (r.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(20, cancellationToken);
        }
        throw new TimeoutException("agent not ready");
    }
}
