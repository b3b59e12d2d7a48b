using System.Text;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;
using CsCheck;
using Xunit;

namespace Cilium.Core.Tests.Policy;

/// <summary>
/// Random sequences of identity, policy, endpoint and named-port changes: after every step the incrementally kept
/// maps must equal a fresh engine's full computation, and replaying the reported diffs onto copies of the maps must
/// give the same maps (so the diffs are exact: each change's Before is what the map held).
/// </summary>
public sealed class IncrementalPropertyTests
{
    private static readonly PolicyDocument[] Policies = PolicyParser.Parse("""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p0, namespace: a}
        spec:
          endpointSelector: {matchLabels: {app: x}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: y}}]
            toPorts: [{ports: [{port: "80", protocol: TCP}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p1, namespace: a}
        spec:
          endpointSelector: {}
          ingressDeny:
          - fromEndpoints: [{matchLabels: {app: y}}]
            toPorts: [{ports: [{port: "80", endPort: 90, protocol: TCP}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: p2}
        spec:
          endpointSelector: {}
          egress:
          - toEntities: [world]
          - toCIDRSet: [{cidr: 198.18.0.0/15, except: [198.19.0.0/16]}]
            toPorts: [{ports: [{port: "443"}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: p3}
        spec:
          endpointSelector: {matchLabels: {app: y}}
          egress:
          - toCIDR: [198.19.0.0/16]
          - toEndpoints: [{}]
            toPorts: [{ports: [{port: http}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p4, namespace: b}
        spec:
          endpointSelector: {}
          enableDefaultDeny: {ingress: false}
          ingressDeny:
          - fromEntities: [cluster]
            toPorts: [{ports: [{port: "443", protocol: TCP}]}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: p5, namespace: a}
        spec:
          podSelector: {matchLabels: {app: x}}
          ingress:
          - from: [{namespaceSelector: {}}]
            ports: [{port: http}, {port: 7000, endPort: 7100}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: p6}
        spec:
          endpointSelector: {matchLabels: {app: x}}
          egressDeny:
          - toEntities: [all]
            toPorts: [{ports: [{port: "53", protocol: UDP}]}]
          egress:
          - toEndpoints: [{matchLabels: {app: y}}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p7, namespace: a}
        specs:
        - endpointSelector: {matchLabels: {role: db}}
          ingress:
          - fromEndpoints: [{}]
            toPorts: [{ports: [{port: "0", protocol: TCP}]}]
        - endpointSelector: {matchLabels: {role: db}}
          ingress:
          - fromEntities: [all]
            icmps: [{fields: [{type: 8}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: p8}
        spec:
          endpointSelector: {}
          ingress:
          - fromEntities: [host, remote-node]
          ingressDeny:
          - fromCIDR: [198.19.0.0/16, 198.18.0.0/15]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: p9, namespace: b}
        spec:
          endpointSelector: {matchLabels: {app: y}}
          egress:
          - toEndpoints:
            - matchExpressions:
              - {key: app, operator: In, values: [x, y]}
              - {key: role, operator: NotIn, values: [db]}
              - {key: io.kubernetes.pod.namespace, operator: Exists}
            toPorts: [{ports: [{port: "1000", endPort: 2000, protocol: UDP}]}]
          egressDeny:
          - toEndpoints: [{matchLabels: {app: x, k8s:io.kubernetes.pod.namespace: a}}]
            toPorts: [{ports: [{port: "1500", protocol: UDP}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata: {name: p10}
        spec:
          endpointSelector: {matchLabels: {reserved:init: ""}}
          egress:
          - toEndpoints: [{matchLabels: {reserved:host: ""}}, {matchLabels: {app: x}}]
        """).ToArray();

    private static readonly LabelSet[] LabelPool =
    [
        .. from ns in new[] { "a", "b" }
           from app in new[] { "x", "y" }
           from db in new[] { false, true }
           select LabelSet.Parse([
               $"k8s:io.kubernetes.pod.namespace={ns}", $"k8s:app={app}", "k8s:io.cilium.k8s.policy.cluster=default",
               .. db ? new[] { "k8s:role=db" } : []]),
        LabelSet.Parse(["reserved:init"]),
    ];

    private static readonly NamedPort[][] NamedPortSets =
    [
        [],
        [new("http", 8080, Protocols.Tcp)],
        [new("http", 9090, Protocols.Tcp), new("dns", 53, Protocols.Udp)],
    ];

    private sealed record Op(int Kind, int A, int B, int C)
    {
        public override string ToString() => Kind switch
        {
            0 => $"UpsertIdentity({300 + (A % 6)}, pool[{B % LabelPool.Length}])",
            1 => $"RemoveIdentity({300 + (A % 6)})",
            2 => $"UpsertPolicy({Policies[A % Policies.Length].Id.Name})",
            3 => $"DeletePolicy({Policies[A % Policies.Length].Id.Name})",
            4 => $"UpsertEndpoint({1 + (A % 3)}, identity {300 + (B % 6)}, pool[{(B + C) % LabelPool.Length}], ports {C % 3})",
            5 => $"RemoveEndpoint({1 + (A % 3)})",
            _ => $"SetClusterNamedPorts({C % 3})",
        };
    }

    private static readonly Gen<Op> GenOp = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 2])
        .Select((k, a, b, c) => new Op(k, a, b, c));

    private sealed class Model
    {
        public Dictionary<uint, LabelSet> Identities { get; } = [];
        public Dictionary<PolicyResourceId, PolicyDocument> Policies { get; } = [];
        public Dictionary<ushort, LocalEndpoint> Endpoints { get; } = [];
        public NamedPort[] ClusterPorts { get; set; } = [];
    }

    [Fact]
    public void Engine_RandomChangeSequences_IncrementalEqualsFullRecomputation()
    {
        Gen.Select(GenOp.Array[1, 30], Gen.Int[0, 2], Gen.Bool).Sample((ops, mode, localhost) =>
        {
            var options = new PolicyEngineOptions
            {
                EnforcementMode = (PolicyEnforcementMode)mode,
                AllowLocalhost = localhost,
            };
            Run(options, ops);
        }, iter: 300);
    }

    [Fact]
    public void Engine_LongSequence_IncrementalEqualsFullRecomputation()
    {
        GenOp.Array[150, 200].Sample(ops => Run(new PolicyEngineOptions(), ops), iter: 20);
    }

    private static void Run(PolicyEngineOptions options, Op[] ops)
    {
        var allocator = new CidrIdentityAllocator();
        var engine = new PolicyEngine(options, allocator);
        var model = new Model();
        var shadow = new Dictionary<ushort, Dictionary<PolicyKey, PolicyEntry>>();
        var log = new StringBuilder();
        foreach (var op in ops)
        {
            log.AppendLine(op.ToString());
            var update = Step(engine, model, op);
            Replay(shadow, update, log);
            if (op.Kind == 4)
            {
                shadow.TryAdd((ushort)(1 + (op.A % 3)), []);
            }
            if (op.Kind == 5)
            {
                shadow.Remove((ushort)(1 + (op.A % 3)));
            }
            Compare(engine, allocator, model, shadow, options, log);
        }
    }

    private static PolicyUpdate Step(PolicyEngine engine, Model model, Op op)
    {
        switch (op.Kind)
        {
            case 0:
            {
                var id = (uint)(300 + (op.A % 6));
                var labels = LabelPool[op.B % LabelPool.Length];
                model.Identities[id] = labels;
                return engine.UpsertIdentity(id, labels);
            }
            case 1:
            {
                var id = (uint)(300 + (op.A % 6));
                model.Identities.Remove(id);
                return engine.RemoveIdentity(id);
            }
            case 2:
            {
                var document = Policies[op.A % Policies.Length];
                model.Policies[document.Id] = document;
                return engine.UpsertPolicy(document);
            }
            case 3:
            {
                var document = Policies[op.A % Policies.Length];
                model.Policies.Remove(document.Id);
                return engine.DeletePolicy(document.Id);
            }
            case 4:
            {
                var endpoint = new LocalEndpoint((ushort)(1 + (op.A % 3)), (uint)(300 + (op.B % 6)),
                    LabelPool[(op.B + op.C) % LabelPool.Length], NamedPortSets[op.C % 3]);
                model.Endpoints[endpoint.Id] = endpoint;
                return engine.UpsertEndpoint(endpoint);
            }
            case 5:
            {
                var id = (ushort)(1 + (op.A % 3));
                model.Endpoints.Remove(id);
                return engine.RemoveEndpoint(id);
            }
            default:
                model.ClusterPorts = NamedPortSets[op.C % 3];
                return engine.SetClusterNamedPorts(model.ClusterPorts);
        }
    }

    private static void Replay(Dictionary<ushort, Dictionary<PolicyKey, PolicyEntry>> shadow, PolicyUpdate update, StringBuilder log)
    {
        foreach (var diff in update.Endpoints)
        {
            if (!shadow.TryGetValue(diff.EndpointId, out var map))
            {
                map = [];
                shadow[diff.EndpointId] = map;
            }
            foreach (var change in diff.Changes)
            {
                map.TryGetValue(change.Key, out var current);
                if (!Equals(current, change.Before))
                {
                    throw new Xunit.Sdk.XunitException($"diff for endpoint {diff.EndpointId} key {change.Key}: Before {change.Before} but the map held {current}\n{log}");
                }
                if (change.After is null)
                {
                    map.Remove(change.Key);
                }
                else
                {
                    map[change.Key] = change.After;
                }
            }
        }
    }

    private static void Compare(PolicyEngine engine, CidrIdentityAllocator allocator, Model model,
        Dictionary<ushort, Dictionary<PolicyKey, PolicyEntry>> shadow, PolicyEngineOptions options, StringBuilder log)
    {
        var freshAllocator = new CidrIdentityAllocator();
        var fresh = new PolicyEngine(options, freshAllocator);
        foreach (var (id, labels) in model.Identities.OrderBy(i => i.Key))
        {
            fresh.UpsertIdentity(id, labels);
        }
        foreach (var document in model.Policies.Values.OrderBy(d => d.Id.Name, StringComparer.Ordinal).Reverse())
        {
            fresh.UpsertPolicy(document);
        }
        fresh.SetClusterNamedPorts(model.ClusterPorts);
        foreach (var endpoint in model.Endpoints.Values)
        {
            fresh.UpsertEndpoint(endpoint);
        }
        Assert.Equal(model.Endpoints.Keys.Order(), engine.Endpoints.Order());
        Assert.Equal(model.Endpoints.Keys.Order(), shadow.Keys.Order());
        foreach (var id in model.Endpoints.Keys)
        {
            var expected = Normalize(fresh.GetEndpointPolicy(id)!.Entries, freshAllocator);
            var incremental = Normalize(engine.GetEndpointPolicy(id)!.Entries, allocator);
            var replayed = Normalize(shadow[id], allocator);
            if (!expected.SequenceEqual(incremental) || !expected.SequenceEqual(replayed))
            {
                throw new Xunit.Sdk.XunitException(
                    $"endpoint {id} differs after:\n{log}\nfull:\n  {string.Join("\n  ", expected)}\nincremental:\n  {string.Join("\n  ", incremental)}\nreplayed diffs:\n  {string.Join("\n  ", replayed)}");
            }
        }
    }

    /// <summary>CIDR identity numbers depend on allocation order, so compare them by prefix.</summary>
    private static List<string> Normalize(IReadOnlyDictionary<PolicyKey, PolicyEntry> map, CidrIdentityAllocator allocator) =>
        [.. map.Select(e =>
            {
                var peer = allocator.TryGetPrefix(e.Key.Identity, out var prefix) ? $"cidr:{prefix}" : e.Key.Identity.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return $"{peer} {e.Key with { Identity = 0 }} => {e.Value}";
            })
            .Order(StringComparer.Ordinal)];
}
