namespace Cilium.Core.Policy.Engine;

/// <summary>
/// Collects the changes of one engine call. A key changed several times in one call is reported once, from its
/// state before the call to its state after; a key that ends as it started is not reported.
/// </summary>
internal sealed class UpdateBuilder
{
    private readonly Dictionary<ushort, Dictionary<PolicyKey, (PolicyEntry? Before, PolicyEntry? After)>> _changes = [];
    private readonly List<CidrIdentity> _cidrAdded = [];
    private readonly List<CidrIdentity> _cidrRemoved = [];

    public Action<PolicyKey, PolicyEntry?, PolicyEntry?> For(ushort endpointId)
    {
        if (!_changes.TryGetValue(endpointId, out var changes))
        {
            changes = [];
            _changes[endpointId] = changes;
        }
        return (key, before, after) =>
        {
            changes[key] = changes.TryGetValue(key, out var existing) ? (existing.Before, after) : (before, after);
        };
    }

    public void CidrAdded(CidrIdentity cidr) => _cidrAdded.Add(cidr);

    public void CidrRemoved(CidrIdentity cidr)
    {
        if (!_cidrAdded.Remove(cidr))
        {
            _cidrRemoved.Add(cidr);
        }
    }

    public PolicyUpdate Build()
    {
        var endpoints = new List<EndpointPolicyDiff>();
        foreach (var (endpointId, changes) in _changes.OrderBy(c => c.Key))
        {
            var list = new List<PolicyMapChange>();
            foreach (var (key, (before, after)) in changes)
            {
                if (before is null ? after is not null : !before.Equals(after))
                {
                    list.Add(new PolicyMapChange(key, before, after));
                }
            }
            if (list.Count > 0)
            {
                list.Sort((a, b) => a.Key.CompareTo(b.Key));
                endpoints.Add(new EndpointPolicyDiff(endpointId, list));
            }
        }
        if (endpoints.Count == 0 && _cidrAdded.Count == 0 && _cidrRemoved.Count == 0)
        {
            return PolicyUpdate.Empty;
        }
        return new PolicyUpdate(endpoints, [.. _cidrAdded], [.. _cidrRemoved]);
    }
}
