using System.Net;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>A rule in the engine: its peer rules, the local endpoints its subject selects and the CIDR prefixes it holds.</summary>
internal sealed class CompiledRule(Rule rule, PolicyResourceId resource)
{
    public Rule Rule { get; } = rule;
    public PolicyResourceId Resource { get; } = resource;
    public RuleOrigin Origin => Rule.Origin;
    public List<CompiledPeerRule> PeerRules { get; } = [];
    public HashSet<EndpointState> Endpoints { get; } = [];
    public List<IPNetwork> CidrPrefixes { get; } = [];
    public bool HasEgressNamedPorts { get; set; }

    public bool Has(TrafficDirection direction) => direction == TrafficDirection.Ingress ? Rule.HasIngress : Rule.HasEgress;

    /// <summary>True when the rule asks for default deny in a direction it has rules in (unset means yes).</summary>
    public bool DefaultDeny(TrafficDirection direction) =>
        (direction == TrafficDirection.Ingress ? Rule.DefaultDenyIngress : Rule.DefaultDenyEgress) != false;

    public override string ToString() => Origin.Name;
}
