using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// Validates one Cilium rule (<c>spec</c> or an entry of <c>specs</c>) and imports it: selectors parsed and
/// namespace-scoped, peers and ports normalised. Fields that need components we do not have yet are refused with
/// the field named, never enforced at L4 alone.
/// </summary>
internal sealed class CiliumRuleTranslator(string? policyNamespace)
{
    public Rule Translate(PolicyRule rule, string path, RuleOrigin origin)
    {
        if (rule.NodeSelector is not null)
        {
            throw new InvalidInputException($"{path}.nodeSelector", "not supported yet: node selectors need the host firewall");
        }
        if (rule.EndpointSelector is null)
        {
            throw new InvalidInputException($"{path}.endpointSelector", "required: a rule needs exactly one of endpointSelector and nodeSelector");
        }
        var written = SelectorTranslator.FromCilium(rule.EndpointSelector, $"{path}.endpointSelector");
        var matchesInit = written.HasKey("init", LabelSources.Reserved);
        var subject = NamespaceScoping.Scope(written, policyNamespace, matchesInit: false);

        var ingress = Ingress(rule.Ingress, $"{path}.ingress", deny: false, matchesInit);
        var ingressDeny = Ingress(rule.IngressDeny, $"{path}.ingressDeny", deny: true, matchesInit);
        var egress = Egress(rule.Egress, $"{path}.egress", deny: false, matchesInit);
        var egressDeny = Egress(rule.EgressDeny, $"{path}.egressDeny", deny: true, matchesInit);
        return new Rule(origin, subject, ingress, ingressDeny, egress, egressDeny,
            rule.EnableDefaultDeny?.Ingress, rule.EnableDefaultDeny?.Egress);
    }

    private List<PeerRule> Ingress(IReadOnlyList<IngressRule>? rules, string path, bool deny, bool matchesInit)
    {
        var result = new List<PeerRule>();
        if (rules is null)
        {
            return result;
        }
        for (var i = 0; i < rules.Count; i++)
        {
            var field = $"{path}[{i}]";
            var r = rules[i] ?? throw new InvalidInputException(field, "must not be null");
            if (r.FromRequires is { Count: > 0 })
            {
                throw new InvalidInputException($"{field}.fromRequires", "not supported: fromRequires is deprecated and refused by Cilium since v1.19");
            }
            if (r.FromGroups is not null)
            {
                throw new InvalidInputException($"{field}.fromGroups", "not supported: cloud provider groups need the AWS integration");
            }
            if (r.FromNodes is { Count: > 0 })
            {
                throw new InvalidInputException($"{field}.fromNodes", "not supported yet: node selectors need node labels in identities (enable-node-selector-labels)");
            }
            RefuseAuthentication(r.Authentication, $"{field}.authentication", deny);
            var endpoints = Endpoints(r.FromEndpoints, $"{field}.fromEndpoints", matchesInit);
            var cidrs = new List<CidrSelector>();
            CidrTranslator.AddCidrs(cidrs, r.FromCidr, $"{field}.fromCIDR");
            CidrTranslator.AddCidrSet(cidrs, r.FromCidrSet, $"{field}.fromCIDRSet");
            var entities = Entities(r.FromEntities, $"{field}.fromEntities");
            var ports = Ports(r.ToPorts, r.Icmps, field, deny);
            result.Add(Peer(endpoints, cidrs, entities, ports));
        }
        return result;
    }

    private List<PeerRule> Egress(IReadOnlyList<EgressRule>? rules, string path, bool deny, bool matchesInit)
    {
        var result = new List<PeerRule>();
        if (rules is null)
        {
            return result;
        }
        for (var i = 0; i < rules.Count; i++)
        {
            var field = $"{path}[{i}]";
            var r = rules[i] ?? throw new InvalidInputException(field, "must not be null");
            if (r.ToRequires is { Count: > 0 })
            {
                throw new InvalidInputException($"{field}.toRequires", "not supported: toRequires is deprecated and refused by Cilium since v1.19");
            }
            if (r.ToGroups is not null)
            {
                throw new InvalidInputException($"{field}.toGroups", "not supported: cloud provider groups need the AWS integration");
            }
            if (r.ToNodes is { Count: > 0 })
            {
                throw new InvalidInputException($"{field}.toNodes", "not supported yet: node selectors need node labels in identities (enable-node-selector-labels)");
            }
            if (r.ToServices is { Count: > 0 })
            {
                throw new InvalidInputException($"{field}.toServices", "not supported yet: toServices needs service backends from the service load balancer");
            }
            if (r.ToFqdns is { Count: > 0 })
            {
                throw new InvalidInputException($"{field}.toFQDNs", deny
                    ? "deny rules cannot use toFQDNs"
                    : "not supported yet: toFQDNs needs the DNS proxy");
            }
            RefuseAuthentication(r.Authentication, $"{field}.authentication", deny);
            var endpoints = Endpoints(r.ToEndpoints, $"{field}.toEndpoints", matchesInit);
            var cidrs = new List<CidrSelector>();
            CidrTranslator.AddCidrs(cidrs, r.ToCidr, $"{field}.toCIDR");
            CidrTranslator.AddCidrSet(cidrs, r.ToCidrSet, $"{field}.toCIDRSet");
            var entities = Entities(r.ToEntities, $"{field}.toEntities");
            var ports = Ports(r.ToPorts, r.Icmps, field, deny);
            result.Add(Peer(endpoints, cidrs, entities, ports));
        }
        return result;
    }

    /// <summary>
    /// An entry with ports and no peer applies to every peer (an L4-only rule, Cilium docs "Layer 4 examples");
    /// an entry with neither selects nothing (<c>ingress: [{}]</c> is Cilium's default-deny idiom).
    /// </summary>
    private static PeerRule Peer(List<EndpointSelector> endpoints, List<CidrSelector> cidrs, List<PolicyEntity> entities, List<PortSpec>? ports)
    {
        if (endpoints.Count == 0 && cidrs.Count == 0 && entities.Count == 0 && ports is not null)
        {
            entities.Add(PolicyEntity.All);
        }
        return new PeerRule(endpoints, cidrs, entities, ports);
    }

    private List<EndpointSelector> Endpoints(IReadOnlyList<LabelSelector>? selectors, string path, bool matchesInit)
    {
        var result = new List<EndpointSelector>();
        if (selectors is null)
        {
            return result;
        }
        for (var i = 0; i < selectors.Count; i++)
        {
            var selector = SelectorTranslator.FromCilium(selectors[i] ?? new LabelSelector(), $"{path}[{i}]");
            result.Add(NamespaceScoping.Scope(selector, policyNamespace, matchesInit));
        }
        return result;
    }

    private static List<PolicyEntity> Entities(IReadOnlyList<string>? names, string path)
    {
        var result = new List<PolicyEntity>();
        if (names is null)
        {
            return result;
        }
        for (var i = 0; i < names.Count; i++)
        {
            if (!PolicyEntities.TryParse(names[i], out var entity))
            {
                throw new InvalidInputException($"{path}[{i}]", $"'{names[i]}' is not an entity; expected one of {string.Join(", ", PolicyEntities.Names)}");
            }
            result.Add(entity.Value);
        }
        return result;
    }

    private static List<PortSpec>? Ports(IReadOnlyList<PortRule>? toPorts, IReadOnlyList<IcmpRule>? icmps, string path, bool deny)
    {
        var hasPorts = toPorts is { Count: > 0 };
        var hasIcmps = icmps is { Count: > 0 };
        if (hasPorts && hasIcmps)
        {
            throw new InvalidInputException($"{path}.icmps", "icmps cannot be combined with toPorts in the same rule");
        }
        if (hasPorts)
        {
            return PortTranslator.FromPortRules(toPorts!, $"{path}.toPorts", deny);
        }
        return hasIcmps ? PortTranslator.FromIcmps(icmps!, $"{path}.icmps") : null;
    }

    private static void RefuseAuthentication(Authentication? authentication, string field, bool deny)
    {
        if (authentication is null)
        {
            return;
        }
        if (deny)
        {
            throw new InvalidInputException(field, "deny rules cannot carry authentication");
        }
        switch (authentication.Mode)
        {
            case "disabled":
                return;
            case "required" or "test-always-fail":
                throw new InvalidInputException($"{field}.mode", "not supported yet: mutual authentication needs the auth proxy");
            default:
                throw new InvalidInputException($"{field}.mode", $"'{authentication.Mode}' is not one of disabled, required, test-always-fail");
        }
    }
}
