using System.Diagnostics;
using System.Globalization;
using System.Text;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Tracing;

namespace Cilium.Benchmarks.Policy;

/// <summary>
/// The policy engine on the agent's hot path: full resolution of one endpoint with 1,000 rules and 10,000
/// identities, one identity added while 1,000 local endpoints are kept, and trace latency.
/// Goals (issue 3): full resolution under 20 ms, identity add under 5 ms for all 1,000 endpoints.
/// </summary>
public sealed class PolicyBenchmark : IBenchmark
{
    private const int Identities = 10_000;
    private const int Rules = 1_000;
    private const int Endpoints = 1_000;
    private const int Namespaces = 50;
    private const int Apps = 500;
    private const int Tiers = 7;

    public string Name => "policy";

    public string Description => "policy engine: full resolution (1k rules, 10k identities), identity add over 1k endpoints, trace p50/p99";

    public Task RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var engine = new PolicyEngine(new PolicyEngineOptions(), new CidrIdentityAllocator());

        var labels = Enumerable.Range(0, Identities).Select(i => Labels(i)).ToArray();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Identities; i++)
        {
            engine.UpsertIdentity((uint)(256 + i), labels[i]);
        }
        var identitiesMs = watch.Elapsed.TotalMilliseconds;

        watch.Restart();
        var documents = PolicyParser.Parse(Manifests());
        var parseMs = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        foreach (var document in documents)
        {
            engine.UpsertPolicy(document);
        }
        var rulesMs = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"machine: {Environment.ProcessorCount} CPUs, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"setup: {Identities} identities in {identitiesMs:F0} ms; {documents.Count} manifests parsed in {parseMs:F0} ms, applied in {rulesMs:F0} ms; {engine.SelectorCount} cached selectors");

        // 1. Full resolution of one endpoint: subject matching over every rule, then its whole map from the selector cache.
        var subject = new LocalEndpoint(4000, 256, Labels(0));
        var full = new List<double>();
        EndpointPolicy? policy = null;
        for (var round = 0; round < 60 && !cancellationToken.IsCancellationRequested; round++)
        {
            engine.RemoveEndpoint(subject.Id);
            watch.Restart();
            engine.UpsertEndpoint(subject);
            full.Add(watch.Elapsed.TotalMilliseconds);
            policy ??= engine.GetEndpointPolicy(subject.Id);
        }
        var selecting = engine.Rules.Count(r => r.Subject.Matches(subject.Labels));
        Console.WriteLine($"full resolution, one endpoint ({selecting} of {Rules} rules select it, {policy!.Entries.Count} map entries): {Stats(full.Skip(10).ToList())}  [goal < 20 ms]");
        engine.RemoveEndpoint(subject.Id);

        // 2. One identity added (and removed) while 1,000 local endpoints are kept.
        watch.Restart();
        for (var e = 0; e < Endpoints; e++)
        {
            var i = e * (Identities / Endpoints);
            engine.UpsertEndpoint(new LocalEndpoint((ushort)(1 + e), (uint)(256 + i), Labels(i)));
        }
        var totalEntries = engine.Endpoints.Sum(id => engine.GetEndpointPolicy(id)!.Entries.Count);
        Console.WriteLine($"setup: {Endpoints} endpoints computed in {watch.Elapsed.TotalMilliseconds:F0} ms, {totalEntries} map entries in all");

        var adds = new List<double>();
        var removes = new List<double>();
        var touchedEndpoints = 0;
        var changedEntries = 0;
        for (var round = 0; round < 60 && !cancellationToken.IsCancellationRequested; round++)
        {
            var id = (uint)(256 + Identities + round);
            var added = Labels(round * 37, extra: $"pod-{round}");
            watch.Restart();
            var update = engine.UpsertIdentity(id, added);
            adds.Add(watch.Elapsed.TotalMilliseconds);
            touchedEndpoints = Math.Max(touchedEndpoints, update.Endpoints.Count);
            changedEntries = Math.Max(changedEntries, update.Endpoints.Sum(d => d.Changes.Count));
            watch.Restart();
            engine.RemoveIdentity(id);
            removes.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"identity add, {Endpoints} endpoints kept (up to {touchedEndpoints} endpoints / {changedEntries} entries changed): {Stats(adds.Skip(10).ToList())}  [goal < 5 ms]");
        Console.WriteLine($"identity remove, same:                               {Stats(removes.Skip(10).ToList())}");

        // A rule change is recomputed per selected endpoint: report it too.
        var ruleTimes = new List<double>();
        for (var round = 0; round < 20 && !cancellationToken.IsCancellationRequested; round++)
        {
            var document = documents[round * 37 % documents.Count];
            watch.Restart();
            engine.DeletePolicy(document.Id);
            engine.UpsertPolicy(document);
            ruleTimes.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"policy delete + re-apply, {Endpoints} endpoints kept:      {Stats(ruleTimes.Skip(5).ToList())}");

        // 3. Trace latency over random pairs of identities.
        var random = new Random(7);
        var traces = new List<double>();
        for (var round = 0; round < 5_000 && !cancellationToken.IsCancellationRequested; round++)
        {
            var request = new TraceRequest(
                TracePeer.FromIdentity((uint)(256 + random.Next(Identities))),
                TracePeer.FromIdentity((uint)(256 + random.Next(Identities))),
                (ushort)(random.Next(2) == 0 ? 80 : 8000 + random.Next(200)),
                Protocols.Tcp);
            watch.Restart();
            engine.Trace(request);
            traces.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"trace, {traces.Count} random flows:                          {Stats(traces.Skip(100).ToList())}");
        return Task.CompletedTask;
    }

    private static LabelSet Labels(int i, string? extra = null)
    {
        var ns = $"ns-{i % Namespaces}";
        var labels = new List<string>
        {
            $"k8s:io.kubernetes.pod.namespace={ns}",
            $"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name={ns}",
            "k8s:io.cilium.k8s.policy.cluster=default",
            $"k8s:io.cilium.k8s.policy.serviceaccount=sa-{i % Apps}",
            $"k8s:app=app-{i % Apps}",
            $"k8s:tier=t-{i % Tiers}",
        };
        if (extra is not null)
        {
            labels.Add($"k8s:pod={extra}");
        }
        return LabelSet.Parse(labels);
    }

    /// <summary>
    /// 1,000 manifests in the shapes users write: per namespace CNPs selecting apps or the whole namespace, allowing
    /// apps and tiers on a port and a port range, some deny rules, CIDR sets with exceptions, entities; and one in
    /// ten a clusterwide policy by tier.
    /// </summary>
    private static string Manifests()
    {
        var text = new StringBuilder();
        for (var r = 0; r < Rules; r++)
        {
            var c = CultureInfo.InvariantCulture;
            text.Append(c, $"---\napiVersion: cilium.io/v2\n");
            if (r % 10 == 0)
            {
                text.Append(c, $"kind: CiliumClusterwideNetworkPolicy\nmetadata: {{name: ccnp-{r}}}\nspec:\n");
                text.Append(c, $"  endpointSelector: {{matchLabels: {{tier: t-{r % Tiers}}}}}\n");
                text.Append(c, $"  ingress:\n  - fromEndpoints: [{{matchLabels: {{app: app-{r % Apps}}}}}]\n    toPorts: [{{ports: [{{port: \"443\", protocol: TCP}}]}}]\n");
                text.Append(c, $"  egress:\n  - toEntities: [world, kube-apiserver]\n    toPorts: [{{ports: [{{port: \"443\", protocol: TCP}}]}}]\n");
                continue;
            }
            text.Append(c, $"kind: CiliumNetworkPolicy\nmetadata: {{name: cnp-{r}, namespace: ns-{r % Namespaces}}}\nspec:\n");
            text.Append(r % 3 == 0
                ? "  endpointSelector: {}\n"
                : $"  endpointSelector: {{matchExpressions: [{{key: app, operator: In, values: [app-{r % Apps}, app-{(r + 50) % Apps}]}}]}}\n");
            text.Append(c, $"  ingress:\n  - fromEndpoints: [{{matchLabels: {{app: app-{r * 7 % Apps}}}}}, {{matchLabels: {{tier: t-{r % Tiers}}}}}]\n");
            text.Append("    toPorts: [{ports: [{port: \"80\", protocol: TCP}, {port: \"8000\", endPort: 8100, protocol: TCP}]}]\n");
            if (r % 17 == 0)
            {
                text.Append(c, $"  ingressDeny:\n  - fromEndpoints: [{{matchLabels: {{app: app-{r % Apps}}}}}]\n    toPorts: [{{ports: [{{port: \"8080\", protocol: TCP}}]}}]\n");
            }
            text.Append(c, $"  egress:\n  - toEndpoints: [{{matchLabels: {{tier: t-{(r + 1) % Tiers}}}}}]\n    toPorts: [{{ports: [{{port: \"8080\", protocol: TCP}}]}}]\n");
            if (r % 5 == 0)
            {
                text.Append(c, $"  - toCIDRSet: [{{cidr: 10.{r % 256}.0.0/16, except: [10.{r % 256}.1.0/24]}}]\n    toPorts: [{{ports: [{{port: \"443\", protocol: TCP}}]}}]\n");
            }
        }
        return text.ToString();
    }

    private static string Stats(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return "no samples";
        }
        samples.Sort();
        double At(double q) => Support.Percentiles.OfSorted(samples, q);
        return string.Create(CultureInfo.InvariantCulture, $"min {samples[0]:F3} ms  p50 {At(0.50):F3} ms  p99 {At(0.99):F3} ms  max {samples[^1]:F3} ms  (n={samples.Count})");
    }
}
