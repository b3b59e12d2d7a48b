namespace Cilium.Core.Policy.Engine;

/// <summary>A snapshot of one endpoint's desired policy map and whether each direction is enforced.</summary>
public sealed record EndpointPolicy(
    ushort EndpointId,
    uint Identity,
    bool IngressEnforced,
    bool EgressEnforced,
    IReadOnlyDictionary<PolicyKey, PolicyEntry> Entries)
{
    /// <summary>The entries in key order, as <c>cilium-dbg bpf policy get</c> lists them.</summary>
    public IEnumerable<KeyValuePair<PolicyKey, PolicyEntry>> Sorted => Entries.OrderBy(e => e.Key);
}
