using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// A selector shared by every rule that uses it, with the identities it selects kept up to date as identities come
/// and go (Cilium's selector cache, <c>pkg/policy/selectorcache.go</c>), and the rule entries that use it.
/// </summary>
internal sealed class CachedSelector(PeerSelector selector)
{
    public PeerSelector Selector { get; } = selector;
    public HashSet<uint> Selections { get; } = [];
    public List<CompiledPeerRule> Users { get; } = [];
    public int References { get; set; }

    public override string ToString() => $"{Selector.Key} ({Selections.Count} identities, {Users.Count} users)";
}
