using System.Globalization;
using Cilium.Benchmarks.Support;
using Cilium.Testing;

namespace Cilium.Benchmarks.Identity;

/// <summary>
/// Issue 2's figures: new allocations/s and repeated look-ups/s through REST against two replicas of the real
/// cilium-identity executable sharing one nats-server, with p50/p99 latency of each. One wrk per replica
/// (32 connections each), runs bounded by time. Each phase also prints the CPU the replicas and nats-server spent per
/// request (steadier than requests/s on a shared machine), and the CPU they keep spending in the idle seconds after
/// the allocations (work the requests left behind, such as publishing their events).
/// Arguments: <c>[seconds per phase, default 10] [replicas, default 2]</c>.
/// </summary>
public sealed class IdentityBenchmark : IBenchmark
{
    private const int Connections = 32;
    private const int LookupSets = 1000;

    public string Name => "identity";
    public string Description => "identity service: new allocations/s and look-ups/s through REST, two replicas (wrk)";

    public async Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var seconds = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var replicaCount = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
        await using var nats = new NatsServerFixture();
        await nats.InitializeAsync();
        var bucket = $"bench-{RunId.New()}";
        var urls = Enumerable.Range(0, replicaCount).Select(_ => $"http://127.0.0.1:{FreePort.Next()}").ToArray();
        var replicas = urls.Select(u => new ServiceProcess("services/Cilium.Identity", "cilium-identity",
            ["--urls", u, $"--Nats:Url={nats.Url}", $"--Identity:Bucket={bucket}"])).ToArray();
        try
        {
            foreach (var r in replicas)
            {
                r.Start();
            }
            for (var i = 0; i < replicas.Length; i++)
            {
                await replicas[i].WaitReadyAsync(urls[i] + "/readyz");
            }

            // Warm-up (JIT, connections) on both replicas; it also allocates the look-up sets.
            await EachAsync(urls, i => RotatingScript(LookupSets), TimeSpan.FromSeconds(3), cancellationToken);
            await EachAsync(urls, i => UniqueScript($"warm{i}"), TimeSpan.FromSeconds(2), cancellationToken);

            var pids = replicas.Select(r => r.Pid ?? throw new InvalidOperationException($"{r.Name} exited:\n{r.Log}")).ToArray();
            var natsPid = ProcessCpu.FindByArgument(nats.StoreDir);
            await IdleAsync("after warm-up", pids, natsPid, cancellationToken);

            var cpu = Cpu(pids, natsPid);
            var fresh = await EachAsync(urls, i => UniqueScript($"r{i}"), TimeSpan.FromSeconds(seconds), cancellationToken);
            Print("new allocations", fresh, cpu, Cpu(pids, natsPid));
            await IdleAsync("after allocations", pids, natsPid, cancellationToken);

            cpu = Cpu(pids, natsPid);
            var repeat = await EachAsync(urls, i => RotatingScript(LookupSets), TimeSpan.FromSeconds(seconds), cancellationToken);
            Print("look-ups (existing sets)", repeat, cpu, Cpu(pids, natsPid));
            Console.WriteLine($"goals: >= 2,000 new allocations/s, >= 20,000 look-ups/s   ({Environment.ProcessorCount} cores; load generator, nats-server and {replicaCount} replica(s) share them)");
        }
        finally
        {
            foreach (var r in replicas)
            {
                await r.DisposeAsync();
            }
        }
    }

    private static async Task<WrkResult[]> EachAsync(string[] urls, Func<int, string> script, TimeSpan duration, CancellationToken cancellationToken) =>
        await Task.WhenAll(urls.Select((u, i) => Wrk.RunAsync(u + "/v1/identities", script(i), Connections, duration, cancellationToken)));

    private static void Print(string what, WrkResult[] results, (double Replicas, double Nats) before, (double Replicas, double Nats) after)
    {
        var rate = results.Sum(r => r.PerSecond);
        var requests = results.Sum(r => r.Requests);
        var failures = results.Sum(r => r.Non2xx);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-26} {rate,9:N0}/s  ({requests:N0} requests)   p50 {results.Max(r => r.P50Ms),6:F2} ms   p99 {results.Max(r => r.P99Ms),7:F2} ms   non-2xx {failures}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"",-26} cpu per request: replicas {(after.Replicas - before.Replicas) * 1000 / requests,6:F0} us   nats-server {(after.Nats - before.Nats) * 1000 / requests,6:F0} us"));
    }

    private static (double Replicas, double Nats) Cpu(int[] replicas, int nats) => (ProcessCpu.Milliseconds(replicas), ProcessCpu.Milliseconds(nats));

    /// <summary>CPU spent while no request arrives: left-over work of the previous phase.</summary>
    private static async Task IdleAsync(string when, int[] replicas, int nats, CancellationToken cancellationToken)
    {
        var before = Cpu(replicas, nats);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var after = Cpu(replicas, nats);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle 3 s {when,-17}                cpu: replicas {after.Replicas - before.Replicas,6:F0} ms   nats-server {after.Nats - before.Nats,6:F0} ms"));
    }

    /// <summary>Every request a label set never seen before: each one is a new allocation (201).</summary>
    private static string UniqueScript(string prefix) => $$"""
        local counter = 0
        request = function()
          counter = counter + 1
          local body = '{"labels":["k8s:app={{prefix}}-' .. counter .. '","k8s:io.kubernetes.pod.namespace=bench","k8s:pod-template-hash=x' .. (counter % 7) .. '"]}'
          return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
        end
        """;

    /// <summary>Cycles through <paramref name="sets"/> label sets in shuffled label order: after the first round, look-ups only.</summary>
    private static string RotatingScript(int sets) => $$"""
        local counter = 0
        request = function()
          counter = counter + 1
          local k = counter % {{sets}}
          local body
          if counter % 2 == 0 then
            body = '{"labels":["k8s:app=lookup-' .. k .. '","k8s:io.kubernetes.pod.namespace=bench"]}'
          else
            body = '{"labels":["k8s:io.kubernetes.pod.namespace=bench","k8s:pod-template-hash=zz","k8s:app=lookup-' .. k .. '"]}'
          end
          return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
        end
        """;
}
