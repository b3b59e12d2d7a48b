using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Tests.Policy;

/// <summary>
/// A small cluster for policy tests, shaped like the connectivity test's: namespace <c>cilium-test</c> with client
/// (kind=client,name=client), client2 (kind=client,other=client) and echo (kind=echo) pods, and an app in another
/// namespace. Each pod is a local endpoint and an identity.
/// </summary>
internal sealed class PolicyWorld
{
    public const string Namespace = "cilium-test";
    public const uint Client = 1000;
    public const uint Client2 = 1001;
    public const uint Echo = 1002;
    public const uint Other = 1003;
    public const ushort ClientEp = 11;
    public const ushort Client2Ep = 12;
    public const ushort EchoEp = 13;
    public const ushort OtherEp = 14;

    public PolicyWorld(PolicyEngineOptions? options = null)
    {
        Allocator = new CidrIdentityAllocator();
        Engine = new PolicyEngine(options ?? new PolicyEngineOptions(), Allocator);
        AddPod(Client, ClientEp, Namespace, [], "kind=client", "name=client");
        AddPod(Client2, Client2Ep, Namespace, [], "kind=client", "other=client");
        AddPod(Echo, EchoEp, Namespace, [new NamedPort("http", 8080, Protocols.Tcp), new NamedPort("dns", 53, Protocols.Udp)], "kind=echo");
        AddPod(Other, OtherEp, "other-ns", [], "app=other");
    }

    public CidrIdentityAllocator Allocator { get; }
    public PolicyEngine Engine { get; }

    public static LabelSet PodLabels(string ns, params string[] labels) =>
        LabelSet.Parse([
            $"k8s:io.kubernetes.pod.namespace={ns}",
            "k8s:io.cilium.k8s.policy.cluster=default",
            $"k8s:io.cilium.k8s.namespace.labels.kubernetes.io/metadata.name={ns}",
            .. labels.Select(l => "k8s:" + l),
        ]);

    public void AddPod(uint identity, ushort endpoint, string ns, IReadOnlyList<NamedPort> namedPorts, params string[] labels)
    {
        var set = PodLabels(ns, labels);
        Engine.UpsertIdentity(identity, set);
        Engine.UpsertEndpoint(new LocalEndpoint(endpoint, identity, set, namedPorts));
    }

    public PolicyUpdate Apply(string yaml) => Apply(PolicyParser.Parse(yaml, Namespace));

    public PolicyUpdate Apply(IReadOnlyList<PolicyDocument> documents)
    {
        PolicyUpdate last = PolicyUpdate.Empty;
        foreach (var document in documents)
        {
            last = Engine.UpsertPolicy(document);
        }
        return last;
    }

    public EndpointPolicy Map(ushort endpoint) => Engine.GetEndpointPolicy(endpoint)!;

    /// <summary>What the datapath would decide for a packet at <paramref name="endpoint"/>.</summary>
    public PolicyVerdict Verdict(ushort endpoint, TrafficDirection direction, uint peer, byte protocol, ushort port)
    {
        var hit = PolicyMapLookup.Lookup(Map(endpoint).Entries, direction, peer, protocol, port);
        return hit is { Value.IsDeny: false } ? PolicyVerdict.Allow : PolicyVerdict.Deny;
    }

    /// <summary>Whether a TCP/UDP flow from one pod to another passes both egress at the source and ingress at the destination.</summary>
    public bool Flows(ushort fromEp, uint fromId, ushort toEp, uint toId, ushort port, byte protocol = Protocols.Tcp) =>
        Verdict(fromEp, TrafficDirection.Egress, toId, protocol, port) == PolicyVerdict.Allow &&
        Verdict(toEp, TrafficDirection.Ingress, fromId, protocol, port) == PolicyVerdict.Allow;
}
