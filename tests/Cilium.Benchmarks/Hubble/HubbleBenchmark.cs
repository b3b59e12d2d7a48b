using System.Diagnostics;
using System.Globalization;
using Cilium.Hubble;
using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Hosting;
using Cilium.Hubble.Ingest;
using Cilium.Hubble.Metrics;
using Cilium.Hubble.Observer;
using Cilium.Testing;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using ObserverClient = Cilium.Hubble.Contracts.Observer.Observer.ObserverClient;

namespace Cilium.Benchmarks.Hubble;

/// <summary>
/// Hubble: notifications turned into stored flows per second at the default ring size (goal >= 100,000/s),
/// GetFlows of the last 4,095 flows over gRPC, and relay fan-in latency over three observers.
/// Args: [notifications=1000000] [iterations=20].
/// </summary>
public sealed class HubbleBenchmark : IBenchmark
{
    public string Name => "hubble";

    public string Description => "flows/s from notifications, GetFlows last 4095, relay fan-in over 3 nodes";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var iterations = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        Ingest(count);
        await IngestQueuedAsync(count, cancellationToken);
        await GetFlowsAsync(iterations, cancellationToken);
        await RelayFanInAsync(iterations, cancellationToken);
    }

    private static HubbleObserver NewObserver(int queue = 4096) => new(
        new HubbleOptions { NodeName = "bench", EventQueueSize = queue },
        new FlowBuilder(new BenchResolver(), "bench"),
        new HubbleMetrics(),
        TimeProvider.System,
        NullLogger<HubbleObserver>.Instance);

    private static void Ingest(int count)
    {
        var notifications = BenchResolver.Notifications(count, DateTimeOffset.UtcNow);
        var warm = NewObserver();
        foreach (var n in notifications.AsSpan(0, Math.Min(count, 50_000)))
        {
            warm.Publish(n);
        }
        var observer = NewObserver();
        var gcBefore = GC.CollectionCount(0);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        foreach (var n in notifications)
        {
            observer.Publish(n);
        }
        sw.Stop();
        // CPU time too: on a shared, loaded machine wall time mostly measures the neighbours.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ingest (inline Publish): {count:N0} notifications -> flows in {sw.Elapsed.TotalMilliseconds:N0} ms = {count / sw.Elapsed.TotalSeconds:N0} flows/s wall, {count / cpu.TotalSeconds:N0} flows per CPU-second (ring {observer.Ring.Capacity}, gen0 GCs {GC.CollectionCount(0) - gcBefore}, goal >= 100,000/s)"));
    }

    private static async Task IngestQueuedAsync(int count, CancellationToken ct)
    {
        var notifications = BenchResolver.Notifications(count, DateTimeOffset.UtcNow);
        var observer = NewObserver();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = observer.RunAsync(cts.Token);
        var sw = Stopwatch.StartNew();
        foreach (var n in notifications)
        {
            await observer.EnqueueAsync(n, ct);
        }
        for (var i = 0; i < 60_000 && observer.SeenFlows < count; i++)
        {
            await Task.Delay(1, ct);
        }
        sw.Stop();
        await cts.CancelAsync();
        await run;
        var lost = observer.Ring.Head - observer.SeenFlows;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ingest (queue {observer.Options.EventQueueSize} -> ring): {observer.SeenFlows:N0} flows in {sw.Elapsed.TotalMilliseconds:N0} ms = {observer.SeenFlows / sw.Elapsed.TotalSeconds:N0} flows/s, lost-event markers {lost}"));
    }

    private static async Task GetFlowsAsync(int iterations, CancellationToken ct)
    {
        await using var server = await StartNodeAsync("bench-0", 4095, ct);
        using var channel = HubbleChannels.Create(server.Options().ListenAddress);
        var client = new ObserverClient(channel);
        await ReadAsync(client, new GetFlowsRequest { Number = 4095 }, ct);
        var samples = new List<double>();
        var received = 0;
        for (var i = 0; i < iterations; i++)
        {
            var sw = Stopwatch.StartNew();
            received = await ReadAsync(client, new GetFlowsRequest { Number = 4095 }, ct);
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
        Print($"GetFlows last 4095 (1 node, gRPC over 127.0.0.1, {received} flows)", samples);
    }

    private static async Task RelayFanInAsync(int iterations, CancellationToken ct)
    {
        var nodes = new List<HubbleServer>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                nodes.Add(await StartNodeAsync($"bench-{i}", 4095, ct));
            }
            var grpc = FreePort.Next();
            var http = FreePort.Next();
            var args = new List<string>
            {
                "--listen-address", $"127.0.0.1:{grpc}", "--urls", $"http://127.0.0.1:{http}", "--Logging:LogLevel:Default=Warning",
            };
            args.AddRange(nodes.SelectMany(n => new[] { "--peer", $"{n.Observer.NodeName}={n.Options().ListenAddress}" }));
            await using var relay = new ServiceProcess("services/Cilium.Hubble.Relay", "hubble-relay", args);
            relay.Start();
            await relay.WaitReadyAsync($"http://127.0.0.1:{http}/healthz");
            using var channel = HubbleChannels.Create($"127.0.0.1:{grpc}");
            var client = new ObserverClient(channel);
            await ReadAsync(client, new GetFlowsRequest { Number = 100 }, ct);

            foreach (var number in new ulong[] { 100, 4095 })
            {
                var samples = new List<double>();
                var received = 0;
                for (var i = 0; i < iterations; i++)
                {
                    var sw = Stopwatch.StartNew();
                    received = await ReadAsync(client, new GetFlowsRequest { Number = number }, ct);
                    samples.Add(sw.Elapsed.TotalMilliseconds);
                }
                Print($"relay fan-in GetFlows last {number}/node (3 nodes, {received} flows merged)", samples);
            }

            // Follow: one new flow on one node until it reaches the client through the relay (includes the sort buffer's drain wait).
            var follow = new List<double>();
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var call = client.GetFlows(new GetFlowsRequest { Follow = true }, cancellationToken: cts.Token);
            var start = DateTimeOffset.UtcNow.AddHours(1);
            var ready = call.ResponseStream.MoveNext(cts.Token);
            // The relay opens its node streams "from now": publish until one flow comes through, then measure.
            for (var i = 0; i < 300 && await Task.WhenAny(ready, Task.Delay(200, ct)) != ready; i++)
            {
                nodes[0].Observer.Publish(BenchResolver.Notifications(1, start)[0]);
            }
            if (!ready.IsCompleted)
            {
                throw new TimeoutException($"no flow came through the relay's follow stream:\n{relay.Log}");
            }
            await ready;
            await Task.Delay(1000, ct);
            // Drain whatever the warm-up left in flight.
            while (true)
            {
                var next = call.ResponseStream.MoveNext(cts.Token);
                if (await Task.WhenAny(next, Task.Delay(1500, ct)) != next)
                {
                    ready = next;
                    break;
                }
                await next;
            }
            for (var i = 0; i < iterations; i++)
            {
                var sw = Stopwatch.StartNew();
                nodes[i % 3].Observer.Publish(BenchResolver.Notifications(1, start.AddSeconds(i + 1))[0]);
                if (!await ready)
                {
                    break;
                }
                follow.Add(sw.Elapsed.TotalMilliseconds);
                ready = call.ResponseStream.MoveNext(cts.Token);
            }
            await cts.CancelAsync();
            Print("relay follow: publish on a node -> client via relay (3 nodes, sort buffer 500 ms)", follow);
        }
        finally
        {
            foreach (var n in nodes)
            {
                await n.DisposeAsync();
            }
        }
    }

    private static async Task<HubbleServer> StartNodeAsync(string name, int flows, CancellationToken ct)
    {
        var options = new HubbleOptions { NodeName = name, ListenAddress = $"127.0.0.1:{FreePort.Next()}", SocketPath = "" };
        var server = await HubbleServer.StartAsync(options, new BenchResolver(), cancellationToken: ct);
        foreach (var n in BenchResolver.Notifications(flows, DateTimeOffset.UtcNow.AddMinutes(-1)))
        {
            server.Observer.Publish(n);
        }
        return server;
    }

    private static async Task<int> ReadAsync(ObserverClient client, GetFlowsRequest request, CancellationToken ct)
    {
        using var call = client.GetFlows(request, cancellationToken: ct);
        var n = 0;
        await foreach (var r in call.ResponseStream.ReadAllAsync(ct))
        {
            n += r.Flow is null ? 0 : 1;
        }
        return n;
    }

    private static void Print(string what, List<double> samples)
    {
        samples.Sort();
        var p50 = Support.Percentiles.OfSorted(samples, 0.50);
        var p99 = Support.Percentiles.OfSorted(samples, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what}: p50 {p50:N1} ms, p99 {p99:N1} ms, mean {samples.Average():N1} ms over {samples.Count}"));
    }
}
