using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Rules;

/// <summary>
/// One entry of a rule's <c>ingress</c>/<c>egress</c>(<c>Deny</c>) list after parsing and namespace scoping: the
/// peers (label selectors, CIDR selectors, entities; an L4-only rule carries the entity <c>all</c>) and the ports
/// (null: every port and protocol). An entry with no peer selects nothing, as Cilium's empty rule <c>{}</c> does.
/// </summary>
public sealed record PeerRule(
    IReadOnlyList<EndpointSelector> Endpoints,
    IReadOnlyList<CidrSelector> Cidrs,
    IReadOnlyList<PolicyEntity> Entities,
    IReadOnlyList<PortSpec>? Ports)
{
    public bool HasNamedPorts
    {
        get
        {
            if (Ports is null)
            {
                return false;
            }
            foreach (var p in Ports)
            {
                if (p.IsNamed)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
