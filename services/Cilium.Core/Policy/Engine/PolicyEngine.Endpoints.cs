using Cilium.Core.Labels;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

public sealed partial class PolicyEngine
{
    /// <summary>
    /// Adds or replaces a local endpoint and computes its policy map in full. The update holds the whole map as
    /// added entries for a new endpoint, or the difference for a replaced one (new labels, identity or named ports).
    /// </summary>
    public PolicyUpdate UpsertEndpoint(LocalEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = new UpdateBuilder();
        var state = new EndpointState(endpoint with { Labels = Intern(endpoint.Labels) });
        if (_endpoints.Remove(endpoint.Id, out var old))
        {
            foreach (var rule in old.Rules)
            {
                rule.Endpoints.Remove(old);
            }
            state.Map = old.Map;
        }
        _endpoints[endpoint.Id] = state;
        foreach (var rule in _rules)
        {
            if (rule.Rule.Subject.Matches(state.Endpoint.Labels))
            {
                rule.Endpoints.Add(state);
                state.Rules.Add(rule);
            }
        }
        Recompute(state, builder);
        return builder.Build();
    }

    /// <summary>Forgets an endpoint; the update lists its entries as removed.</summary>
    public PolicyUpdate RemoveEndpoint(ushort endpointId)
    {
        if (!_endpoints.Remove(endpointId, out var state))
        {
            return PolicyUpdate.Empty;
        }
        foreach (var rule in state.Rules)
        {
            rule.Endpoints.Remove(state);
        }
        var builder = new UpdateBuilder();
        var changed = builder.For(endpointId);
        foreach (var (key, entry) in state.Map.Desired)
        {
            changed(key, entry, null);
        }
        return builder.Build();
    }

    /// <summary>
    /// Sets the named ports of the cluster's endpoints, against which egress rules naming a port resolve. This is
    /// Cilium's behaviour (the node-wide named-port multimap, <c>pkg/policy/types</c> <c>NamedPortMultiMap</c>): an
    /// egress port name allows every port that name stands for on any endpoint, towards the peers the rule selects.
    /// Endpoints whose rules name egress ports are recomputed.
    /// </summary>
    public PolicyUpdate SetClusterNamedPorts(IEnumerable<NamedPort> namedPorts)
    {
        ArgumentNullException.ThrowIfNull(namedPorts);
        var map = new Dictionary<string, List<NamedPort>>(StringComparer.Ordinal);
        foreach (var port in namedPorts.Distinct())
        {
            if (!map.TryGetValue(port.Name, out var list))
            {
                list = [];
                map[port.Name] = list;
            }
            list.Add(port);
        }
        _clusterNamedPorts = map;
        var builder = new UpdateBuilder();
        foreach (var endpoint in _endpoints.Values)
        {
            if (endpoint.Rules.Any(r => r.HasEgressNamedPorts))
            {
                Recompute(endpoint, builder);
            }
        }
        return builder.Build();
    }

    public EndpointPolicy? GetEndpointPolicy(ushort endpointId) =>
        _endpoints.TryGetValue(endpointId, out var state)
            ? new EndpointPolicy(state.Id, state.Endpoint.Identity, state.IngressEnforced, state.EgressEnforced,
                new Dictionary<PolicyKey, PolicyEntry>(state.Map.Desired))
            : null;

    public IEnumerable<ushort> Endpoints => _endpoints.Keys;

    /// <summary>Rebuilds one endpoint's map from its rules and reports the difference to the map it had.</summary>
    private void Recompute(EndpointState endpoint, UpdateBuilder builder)
    {
        var fresh = Build(endpoint);
        var changed = builder.For(endpoint.Id);
        var before = endpoint.Map.Desired;
        foreach (var (key, entry) in fresh.Desired)
        {
            if (!before.TryGetValue(key, out var old) || !old.Equals(entry))
            {
                changed(key, old, entry);
            }
        }
        foreach (var (key, entry) in before)
        {
            if (!fresh.Desired.ContainsKey(key))
            {
                changed(key, entry, null);
            }
        }
        endpoint.Map = fresh;
    }

    /// <summary>
    /// The full computation of one endpoint's map (<c>pkg/policy/repository.go</c> <c>computePolicyEnforcementAndRules</c>
    /// for enforcement). Per direction: mode never -> allow all; else enforced when the mode is always, the endpoint
    /// is still <c>reserved:init</c>, or a selecting rule has rules in that direction; an unenforced direction allows
    /// all. An enforced direction whose selecting rules all set <c>enableDefaultDeny</c> false gets Cilium's
    /// synthesised allow-all, so only its denies bite. Then every selecting rule adds its keys.
    /// </summary>
    private PolicyMapState Build(EndpointState endpoint)
    {
        var map = new PolicyMapState();
        var never = _options.EnforcementMode == PolicyEnforcementMode.Never;
        var isInit = endpoint.Endpoint.Labels.Contains(new Label(LabelSources.Reserved, "init", ""));
        if (never)
        {
            map.Add(PolicyKey.AnyPort(0, TrafficDirection.Ingress), RuleOrigin.NotEnforced, deny: false);
            map.Add(PolicyKey.AnyPort(0, TrafficDirection.Egress), RuleOrigin.NotEnforced, deny: false);
            endpoint.IngressEnforced = endpoint.EgressEnforced = false;
        }
        else
        {
            endpoint.IngressEnforced = Direction(TrafficDirection.Ingress);
            endpoint.EgressEnforced = Direction(TrafficDirection.Egress);
            foreach (var rule in endpoint.Rules)
            {
                foreach (var peerRule in rule.PeerRules)
                {
                    if (peerRule.Wildcard)
                    {
                        EmitKeys(map, peerRule, 0, endpoint, add: true);
                    }
                    foreach (var cached in peerRule.Selectors)
                    {
                        foreach (var identity in cached.Selections)
                        {
                            EmitKeys(map, peerRule, identity, endpoint, add: true);
                        }
                    }
                }
            }
        }
        map.CommitAll();
        return map;

        bool Direction(TrafficDirection direction)
        {
            var always = _options.EnforcementMode == PolicyEnforcementMode.Always || isInit;
            var enforced = always;
            var defaultDeny = always;
            foreach (var rule in endpoint.Rules)
            {
                if (rule.Has(direction))
                {
                    enforced = true;
                    defaultDeny |= rule.DefaultDeny(direction);
                }
            }
            if (!enforced)
            {
                map.Add(PolicyKey.AnyPort(0, direction), RuleOrigin.NotEnforced, deny: false);
                return false;
            }
            if (!defaultDeny)
            {
                map.Add(PolicyKey.AnyPort(0, direction), RuleOrigin.NonDefaultDeny, deny: false);
            }
            if (direction == TrafficDirection.Ingress && _options.AllowLocalhost)
            {
                map.Add(PolicyKey.AnyPort((uint)ReservedIdentities.Host, direction), RuleOrigin.AllowLocalhost, deny: false);
            }
            return true;
        }
    }

    /// <summary>Adds (or removes) the keys one peer rule gives one peer identity in one endpoint's map.</summary>
    private void EmitKeys(PolicyMapState map, CompiledPeerRule peerRule, uint identity, EndpointState endpoint, bool add)
    {
        var origin = peerRule.Rule.Origin;
        foreach (var (protocol, port, prefix) in peerRule.StaticKeys)
        {
            var key = new PolicyKey(identity, peerRule.Direction, protocol, port, prefix);
            if (add) { map.Add(key, origin, peerRule.Deny); } else { map.Remove(key, origin, peerRule.Deny); }
        }
        if (peerRule.NamedPorts.Count == 0)
        {
            return;
        }
        foreach (var spec in peerRule.NamedPorts)
        {
            foreach (var named in ResolveNamedPort(spec, peerRule.Direction, endpoint))
            {
                var key = new PolicyKey(identity, peerRule.Direction, named.Protocol, named.Port, 16);
                if (add) { map.Add(key, origin, peerRule.Deny); } else { map.Remove(key, origin, peerRule.Deny); }
            }
        }
    }

    /// <summary>
    /// Ingress port names resolve against the endpoint's own named ports (the port it listens on); egress names
    /// against the cluster-wide map (see <see cref="SetClusterNamedPorts"/>). A name that resolves to nothing allows
    /// nothing; a protocol in the rule must match the named port's.
    /// </summary>
    private IEnumerable<NamedPort> ResolveNamedPort(PortSpec spec, TrafficDirection direction, EndpointState endpoint)
    {
        if (direction == TrafficDirection.Ingress)
        {
            foreach (var port in endpoint.Endpoint.NamedPorts)
            {
                if (port.Name == spec.Name && (spec.Protocol == Protocols.Any || spec.Protocol == port.Protocol))
                {
                    yield return port;
                }
            }
            yield break;
        }
        if (_clusterNamedPorts.TryGetValue(spec.Name!, out var ports))
        {
            foreach (var port in ports)
            {
                if (spec.Protocol == Protocols.Any || spec.Protocol == port.Protocol)
                {
                    yield return port;
                }
            }
        }
    }
}
