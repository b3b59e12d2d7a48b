namespace Cilium.Core.Policy.Engine;

/// <summary>The exact changes one update makes to one endpoint's desired policy map, ordered by key.</summary>
public sealed record EndpointPolicyDiff(ushort EndpointId, IReadOnlyList<PolicyMapChange> Changes)
{
    public IEnumerable<PolicyMapChange> Added => Changes.Where(c => c.IsAdded);
    public IEnumerable<PolicyMapChange> Removed => Changes.Where(c => c.IsRemoved);
    public IEnumerable<PolicyMapChange> Changed => Changes.Where(c => c.IsChanged);
}
