using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Rules;

/// <summary>
/// A policy rule ready for the engine: the subject selector (already namespace-scoped), the four peer lists and the
/// per-direction <c>enableDefaultDeny</c> (null = unset = default deny).
/// </summary>
public sealed record Rule(
    RuleOrigin Origin,
    EndpointSelector Subject,
    IReadOnlyList<PeerRule> Ingress,
    IReadOnlyList<PeerRule> IngressDeny,
    IReadOnlyList<PeerRule> Egress,
    IReadOnlyList<PeerRule> EgressDeny,
    bool? DefaultDenyIngress = null,
    bool? DefaultDenyEgress = null)
{
    /// <summary>Has ingress or ingressDeny entries: an endpoint it selects has ingress enforcement on.</summary>
    public bool HasIngress => Ingress.Count > 0 || IngressDeny.Count > 0;

    /// <summary>Has egress or egressDeny entries: an endpoint it selects has egress enforcement on.</summary>
    public bool HasEgress => Egress.Count > 0 || EgressDeny.Count > 0;
}
