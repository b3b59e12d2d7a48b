using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// Imports a Kubernetes NetworkPolicy as one Cilium rule, as <c>pkg/k8s/network_policy.go</c> does: subject =
/// podSelector (k8s source) + the policy namespace; a peer podSelector alone stays in the namespace; namespaceSelector
/// keys become <c>io.cilium.k8s.namespace.labels.&lt;key&gt;</c> and an empty one means every namespace; ipBlock becomes
/// a CIDR set; a missing or empty from/to is the wildcard peer; protocol defaults to TCP and a missing port to every
/// port; policyTypes without rules add an empty rule, which makes the direction default-deny.
/// </summary>
internal static class NetworkPolicyTranslator
{
    private const string NamespaceLabelsKeyPrefix = NamespaceScoping.NamespaceLabelsPrefix + ".";

    public static Rule Translate(NetworkPolicySpec? spec, string policyNamespace, RuleOrigin origin)
    {
        if (spec is null)
        {
            throw new InvalidInputException("spec", "required");
        }
        var subject = SelectorTranslator.FromKubernetes(spec.PodSelector, "spec.podSelector")
            .With(new SelectorRequirement(LabelSources.K8s, NamespaceScoping.PodNamespaceKey, SelectorOperator.In, [policyNamespace]));

        bool hasIngressType = false, hasEgressType = false;
        if (spec.PolicyTypes is not null)
        {
            for (var i = 0; i < spec.PolicyTypes.Count; i++)
            {
                switch (spec.PolicyTypes[i])
                {
                    case "Ingress": hasIngressType = true; break;
                    case "Egress": hasEgressType = true; break;
                    default: throw new InvalidInputException($"spec.policyTypes[{i}]", $"'{spec.PolicyTypes[i]}' is not Ingress or Egress");
                }
            }
        }
        else
        {
            // Kubernetes' default: Ingress always, Egress when the policy has egress rules.
            hasIngressType = true;
            hasEgressType = spec.Egress is { Count: > 0 };
        }

        var ingress = new List<PeerRule>();
        if (hasIngressType && spec.Ingress is not null)
        {
            for (var i = 0; i < spec.Ingress.Count; i++)
            {
                var field = $"spec.ingress[{i}]";
                var r = spec.Ingress[i] ?? throw new InvalidInputException(field, "must not be null");
                ingress.Add(Peer(r.From, r.Ports, policyNamespace, field, "from"));
            }
        }
        var egress = new List<PeerRule>();
        if (hasEgressType && spec.Egress is not null)
        {
            for (var i = 0; i < spec.Egress.Count; i++)
            {
                var field = $"spec.egress[{i}]";
                var r = spec.Egress[i] ?? throw new InvalidInputException(field, "must not be null");
                egress.Add(Peer(r.To, r.Ports, policyNamespace, field, "to"));
            }
        }
        var selectsNothing = new PeerRule([], [], [], null);
        if (ingress.Count == 0 && hasIngressType)
        {
            ingress.Add(selectsNothing);
        }
        if (egress.Count == 0 && hasEgressType)
        {
            egress.Add(selectsNothing);
        }
        return new Rule(origin, subject, ingress, [], egress, []);
    }

    private static PeerRule Peer(IReadOnlyList<NetworkPolicyPeer>? peers, IReadOnlyList<NetworkPolicyPort>? ports, string policyNamespace, string path, string peersField)
    {
        var endpoints = new List<EndpointSelector>();
        var cidrs = new List<CidrSelector>();
        if (peers is null || peers.Count == 0)
        {
            endpoints.Add(EndpointSelector.Wildcard);
        }
        else
        {
            for (var j = 0; j < peers.Count; j++)
            {
                var field = $"{path}.{peersField}[{j}]";
                var peer = peers[j] ?? throw new InvalidInputException(field, "must not be null");
                if (peer.IpBlock is not null)
                {
                    if (peer.PodSelector is not null || peer.NamespaceSelector is not null)
                    {
                        throw new InvalidInputException($"{field}.ipBlock", "ipBlock cannot be combined with podSelector or namespaceSelector");
                    }
                    CidrTranslator.AddCidrSet(cidrs, [new CidrRule { Cidr = peer.IpBlock.Cidr, Except = peer.IpBlock.Except }], $"{field}.ipBlock");
                    continue;
                }
                if (peer.NamespaceSelector is null && peer.PodSelector is null)
                {
                    throw new InvalidInputException(field, "a peer needs podSelector, namespaceSelector or ipBlock");
                }
                var selector = SelectorTranslator.FromKubernetes(peer.PodSelector, $"{field}.podSelector");
                if (peer.NamespaceSelector is null)
                {
                    selector = selector.With(new SelectorRequirement(LabelSources.K8s, NamespaceScoping.PodNamespaceKey, SelectorOperator.In, [policyNamespace]));
                }
                else
                {
                    var namespaces = SelectorTranslator.FromKubernetes(peer.NamespaceSelector, $"{field}.namespaceSelector", NamespaceLabelsKeyPrefix);
                    selector = namespaces.IsWildcard
                        ? selector.With(new SelectorRequirement(LabelSources.K8s, NamespaceScoping.PodNamespaceKey, SelectorOperator.Exists))
                        : selector.With(namespaces.Requirements);
                }
                endpoints.Add(selector);
            }
        }
        List<PortSpec>? specs = null;
        if (ports is { Count: > 0 })
        {
            specs = [];
            for (var p = 0; p < ports.Count; p++)
            {
                var field = $"{path}.ports[{p}]";
                var port = ports[p] ?? throw new InvalidInputException(field, "must not be null");
                var protocol = port.Protocol ?? "TCP";
                if (protocol is not ("TCP" or "UDP" or "SCTP") || !Protocols.TryParse(protocol, out var number))
                {
                    throw new InvalidInputException($"{field}.protocol", $"'{protocol}' is not one of TCP, UDP, SCTP");
                }
                PortTranslator.AddPort(specs, number.Value, port.Port, port.EndPort, field);
            }
        }
        return new PeerRule(endpoints, cidrs, [], specs);
    }
}
