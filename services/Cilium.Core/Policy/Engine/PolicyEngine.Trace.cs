using System.Net;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Tracing;

namespace Cilium.Core.Policy.Engine;

public sealed partial class PolicyEngine
{
    /// <summary>
    /// Would this flow pass? (<c>cilium policy trace</c>.) Evaluates egress at the source and ingress at the
    /// destination with the same rules, selector cache and precedence as the maps (deny wins, then allow, else
    /// default deny), and names the rules that decided each side. Identities that are not endpoints (world, CIDR,
    /// host, remote nodes) have no policy of their own: their side is not enforced.
    /// </summary>
    /// <param name="ipcache">the caller's address -> identity lookup (longest prefix match); may return null.</param>
    public PolicyTraceResult Trace(TraceRequest request, Func<IPAddress, uint?>? ipcache = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = ResolvePeer(request.Source, ipcache, "source");
        var destination = ResolvePeer(request.Destination, ipcache, "destination");
        var port = Protocols.IsIcmp(request.Protocol) ? (ushort)(request.DestinationPort << 8) : request.DestinationPort;
        var egress = TraceSide(TrafficDirection.Egress, source, destination, request.Protocol, port, []);
        var destinationPorts = request.Destination.NamedPorts.Count > 0
            ? request.Destination.NamedPorts
            : _endpoints.Values.FirstOrDefault(e => e.Endpoint.Identity == destination.Id && destination.Id != 0)?.Endpoint.NamedPorts ?? [];
        var ingress = TraceSide(TrafficDirection.Ingress, destination, source, request.Protocol, port, destinationPorts);
        var verdict = egress.Verdict == PolicyVerdict.Allow && ingress.Verdict == PolicyVerdict.Allow ? PolicyVerdict.Allow : PolicyVerdict.Deny;
        return new PolicyTraceResult(verdict, source.Id, destination.Id, egress, ingress);
    }

    private PolicyIdentity ResolvePeer(TracePeer peer, Func<IPAddress, uint?>? ipcache, string field)
    {
        if (peer.Labels is not null)
        {
            foreach (var identity in _identities.Values)
            {
                if (identity.Labels.Equals(peer.Labels))
                {
                    return identity;
                }
            }
            // Labels with no identity yet: trace them as they would be once allocated.
            return new PolicyIdentity(0, peer.Labels);
        }
        if (peer.Identity is { } id)
        {
            return _identities.TryGetValue(id, out var known)
                ? known
                : throw new InvalidInputException($"{field}.identity", $"identity {id} is not known");
        }
        if (peer.Address is { } address)
        {
            var resolved = ipcache?.Invoke(address) ?? _cidrAllocator.LongestPrefixMatch(address);
            if (resolved is { } rid && _identities.TryGetValue(rid, out var byAddress))
            {
                return byAddress;
            }
            var world = (uint)ReservedIdentities.World;
            return _identities[world];
        }
        throw new InvalidInputException(field, "give labels, an identity or an address");
    }

    private DirectionTrace TraceSide(TrafficDirection direction, PolicyIdentity subject, PolicyIdentity peer, byte protocol, ushort port, IReadOnlyList<NamedPort> subjectNamedPorts)
    {
        var side = direction == TrafficDirection.Egress ? "egress" : "ingress";
        if (subject.Id != 0 && (subject.Id < 256 || subject.Id >= CidrIdentityAllocator.First - 1) &&
            !subject.Labels.Contains(new Label(LabelSources.Reserved, "init", "")))
        {
            return new DirectionTrace(direction, PolicyVerdict.Allow, false, $"identity {subject.Id} is not a Cilium endpoint: no {side} policy applies", []);
        }
        if (_options.EnforcementMode == PolicyEnforcementMode.Never)
        {
            return new DirectionTrace(direction, PolicyVerdict.Allow, false, "policy enforcement is disabled (mode never)", [RuleOrigin.NotEnforced]);
        }
        var isInit = subject.Labels.Contains(new Label(LabelSources.Reserved, "init", ""));
        var enforced = _options.EnforcementMode == PolicyEnforcementMode.Always || isInit;
        var defaultDeny = enforced;
        var allow = new List<RuleOrigin>();
        var deny = new List<RuleOrigin>();
        foreach (var rule in _rules)
        {
            if (!rule.Has(direction) || !rule.Rule.Subject.Matches(subject.Labels))
            {
                continue;
            }
            enforced = true;
            defaultDeny |= rule.DefaultDeny(direction);
            foreach (var peerRule in rule.PeerRules)
            {
                if (peerRule.Direction == direction && PeerMatches(peerRule, peer) && PortMatches(peerRule, protocol, port, subjectNamedPorts))
                {
                    var list = peerRule.Deny ? deny : allow;
                    if (!list.Contains(rule.Origin))
                    {
                        list.Add(rule.Origin);
                    }
                }
            }
        }
        if (!enforced)
        {
            return new DirectionTrace(direction, PolicyVerdict.Allow, false, $"no rule with {side} rules selects {Describe(subject)}: {side} is not enforced", [RuleOrigin.NotEnforced]);
        }
        if (deny.Count > 0)
        {
            deny.Sort();
            return new DirectionTrace(direction, PolicyVerdict.Deny, true, $"denied by {deny.Count} rule(s)", deny);
        }
        if (!defaultDeny)
        {
            allow.Add(RuleOrigin.NonDefaultDeny);
        }
        if (direction == TrafficDirection.Ingress && _options.AllowLocalhost && peer.Id == ReservedIdentities.Host)
        {
            allow.Add(RuleOrigin.AllowLocalhost);
        }
        if (allow.Count > 0)
        {
            allow.Sort();
            return new DirectionTrace(direction, PolicyVerdict.Allow, true, $"allowed by {allow.Count} rule(s)", allow);
        }
        return new DirectionTrace(direction, PolicyVerdict.Deny, true, $"no rule allows it: {side} is default-deny for {Describe(subject)}", []);
    }

    private static bool PeerMatches(CompiledPeerRule peerRule, PolicyIdentity peer)
    {
        if (peerRule.Wildcard)
        {
            return true;
        }
        foreach (var cached in peerRule.Selectors)
        {
            if (peer.Id != 0 ? cached.Selections.Contains(peer.Id) : cached.Selector.Matches(peer))
            {
                return true;
            }
        }
        return false;
    }

    private bool PortMatches(CompiledPeerRule peerRule, byte protocol, ushort port, IReadOnlyList<NamedPort> subjectNamedPorts)
    {
        foreach (var (p, start, prefix) in peerRule.StaticKeys)
        {
            if (new PolicyKey(0, peerRule.Direction, p, start, prefix).MatchesPort(protocol, port))
            {
                return true;
            }
        }
        foreach (var spec in peerRule.NamedPorts)
        {
            IEnumerable<NamedPort> candidates = peerRule.Direction == TrafficDirection.Ingress
                ? subjectNamedPorts
                : _clusterNamedPorts.GetValueOrDefault(spec.Name!) ?? [];
            foreach (var named in candidates)
            {
                if (named.Name == spec.Name && (spec.Protocol == Protocols.Any || spec.Protocol == named.Protocol) &&
                    named.Protocol == protocol && named.Port == port)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static string Describe(PolicyIdentity identity) =>
        identity.Id == 0 ? $"[{identity.Labels}]" : $"identity {identity.Id}";
}
