using System.Net;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

public sealed partial class PolicyEngine
{
    /// <summary>Applies a parsed manifest, replacing the rules an earlier version of it had.</summary>
    public PolicyUpdate UpsertPolicy(PolicyDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return UpsertPolicy(document.Id, document.Rules);
    }

    /// <summary>
    /// Sets the rules of one policy. Only endpoints selected by the old or the new rules are recomputed; CIDR
    /// identities the new rules need are allocated first and those no rule needs any more are released last.
    /// </summary>
    public PolicyUpdate UpsertPolicy(PolicyResourceId id, IReadOnlyList<Rule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var builder = new UpdateBuilder();
        var compiled = new List<CompiledRule>(rules.Count);
        foreach (var rule in rules)
        {
            compiled.Add(Compile(rule, id, builder));
        }
        var old = _policies.GetValueOrDefault(id) ?? [];
        var affected = Detach(old);
        foreach (var rule in compiled)
        {
            Attach(rule, affected);
        }
        _policies[id] = compiled;
        foreach (var endpoint in affected)
        {
            Recompute(endpoint, builder);
        }
        foreach (var rule in old)
        {
            Release(rule, builder);
        }
        return builder.Build();
    }

    /// <summary>Removes a policy and everything its rules put into endpoint maps.</summary>
    public PolicyUpdate DeletePolicy(PolicyResourceId id)
    {
        if (!_policies.Remove(id, out var old))
        {
            return PolicyUpdate.Empty;
        }
        var builder = new UpdateBuilder();
        var affected = Detach(old);
        foreach (var endpoint in affected)
        {
            Recompute(endpoint, builder);
        }
        foreach (var rule in old)
        {
            Release(rule, builder);
        }
        return builder.Build();
    }

    private HashSet<EndpointState> Detach(List<CompiledRule> rules)
    {
        var affected = new HashSet<EndpointState>();
        foreach (var rule in rules)
        {
            foreach (var endpoint in rule.Endpoints)
            {
                endpoint.Rules.Remove(rule);
                affected.Add(endpoint);
            }
            rule.Endpoints.Clear();
            _rules.Remove(rule);
        }
        return affected;
    }

    private void Attach(CompiledRule rule, HashSet<EndpointState> affected)
    {
        _rules.Add(rule);
        foreach (var endpoint in _endpoints.Values)
        {
            if (rule.Rule.Subject.Matches(endpoint.Endpoint.Labels))
            {
                rule.Endpoints.Add(endpoint);
                endpoint.Rules.Add(rule);
                affected.Add(endpoint);
            }
        }
    }

    private CompiledRule Compile(Rule rule, PolicyResourceId id, UpdateBuilder builder)
    {
        var compiled = new CompiledRule(rule, id);
        AcquireCidrIdentities(compiled, builder);
        Add(rule.Ingress, TrafficDirection.Ingress, deny: false);
        Add(rule.IngressDeny, TrafficDirection.Ingress, deny: true);
        Add(rule.Egress, TrafficDirection.Egress, deny: false);
        Add(rule.EgressDeny, TrafficDirection.Egress, deny: true);
        return compiled;

        void Add(IReadOnlyList<PeerRule> peerRules, TrafficDirection direction, bool deny)
        {
            foreach (var peerRule in peerRules)
            {
                var cpr = new CompiledPeerRule(compiled, direction, deny, peerRule);
                foreach (var selector in peerRule.Endpoints)
                {
                    if (selector.IsWildcard)
                    {
                        cpr.Wildcard = true;
                    }
                    else
                    {
                        cpr.Selectors.Add(_selectors.Acquire(selector, _identities.Values));
                    }
                }
                foreach (var cidr in peerRule.Cidrs)
                {
                    cpr.Selectors.Add(_selectors.Acquire(cidr, _identities.Values));
                }
                foreach (var entity in peerRule.Entities)
                {
                    if (entity == PolicyEntity.All)
                    {
                        cpr.Wildcard = true;
                        continue;
                    }
                    foreach (var selector in _entities.For(entity))
                    {
                        cpr.Selectors.Add(_selectors.Acquire(selector, _identities.Values));
                    }
                }
                if (peerRule.Ports is null)
                {
                    cpr.StaticKeys.Add((Protocols.Any, 0, 0));
                }
                else
                {
                    foreach (var port in peerRule.Ports)
                    {
                        if (port.IsNamed)
                        {
                            cpr.NamedPorts.Add(port);
                            compiled.HasEgressNamedPorts |= direction == TrafficDirection.Egress;
                        }
                        else if (port.Protocol == Protocols.Any)
                        {
                            cpr.StaticKeys.Add((Protocols.Any, 0, 0));
                        }
                        else
                        {
                            foreach (var (start, prefix) in PortPrefix.Split(port.FromPort, port.ToPort))
                            {
                                cpr.StaticKeys.Add((port.Protocol, start, prefix));
                            }
                        }
                    }
                }
                foreach (var cached in cpr.Selectors)
                {
                    cached.Users.Add(cpr);
                }
                compiled.PeerRules.Add(cpr);
            }
        }
    }

    /// <summary>
    /// Every prefix a rule names (CIDRs and their exceptions) gets a CIDR identity, so the ipcache resolves addresses
    /// inside it to an identity the rule's selectors can select or leave out.
    /// </summary>
    private void AcquireCidrIdentities(CompiledRule compiled, UpdateBuilder builder)
    {
        var prefixes = new HashSet<IPNetwork>();
        foreach (var list in (IReadOnlyList<PeerRule>[])[compiled.Rule.Ingress, compiled.Rule.IngressDeny, compiled.Rule.Egress, compiled.Rule.EgressDeny])
        {
            foreach (var peerRule in list)
            {
                foreach (var cidr in peerRule.Cidrs)
                {
                    prefixes.Add(cidr.Prefix);
                    foreach (var except in cidr.Except)
                    {
                        prefixes.Add(except);
                    }
                }
            }
        }
        foreach (var prefix in prefixes.OrderBy(p => p.ToString(), StringComparer.Ordinal))
        {
            var id = _cidrAllocator.Acquire(prefix, out _);
            compiled.CidrPrefixes.Add(prefix);
            if (!_identities.ContainsKey(id))
            {
                var labels = LabelSet.From([new Label(LabelSources.Cidr, CidrText.LabelKey(prefix), ""), new Label(LabelSources.Reserved, "world", "")]);
                AddIdentityCore(new PolicyIdentity(id, Intern(labels)), builder);
                builder.CidrAdded(new CidrIdentity(prefix, id));
            }
        }
    }

    private void Release(CompiledRule rule, UpdateBuilder builder)
    {
        foreach (var peerRule in rule.PeerRules)
        {
            foreach (var cached in peerRule.Selectors)
            {
                cached.Users.Remove(peerRule);
                _selectors.Release(cached);
            }
        }
        foreach (var prefix in rule.CidrPrefixes)
        {
            if (_cidrAllocator.TryGetIdentity(prefix, out var id) && _cidrAllocator.Release(prefix))
            {
                RemoveIdentityCore(id, builder);
                builder.CidrRemoved(new CidrIdentity(prefix, id));
            }
        }
    }
}
