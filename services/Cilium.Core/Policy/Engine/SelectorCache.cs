using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// Interns selectors by their canonical key and keeps each one's selections: a new selector is matched against every
/// identity once; afterwards each identity added or removed is matched against every selector once, and the result
/// says which selectors changed, so only their users need work.
/// </summary>
internal sealed class SelectorCache
{
    private readonly Dictionary<string, CachedSelector> _byKey = new(StringComparer.Ordinal);
    private readonly List<CachedSelector> _all = [];

    public int Count => _all.Count;

    /// <summary>Every cached selector, for <c>cilium-dbg policy selectors</c>.</summary>
    public IReadOnlyList<CachedSelector> All => _all;

    public CachedSelector Acquire(PeerSelector selector, IEnumerable<PolicyIdentity> identities)
    {
        var key = selector.GetType().Name + "|" + selector.Key;
        if (!_byKey.TryGetValue(key, out var cached))
        {
            cached = new CachedSelector(selector);
            foreach (var identity in identities)
            {
                if (selector.Matches(identity))
                {
                    cached.Selections.Add(identity.Id);
                }
            }
            _byKey[key] = cached;
            _all.Add(cached);
        }
        cached.References++;
        return cached;
    }

    public void Release(CachedSelector cached)
    {
        if (--cached.References > 0)
        {
            return;
        }
        _byKey.Remove(cached.Selector.GetType().Name + "|" + cached.Selector.Key);
        var index = _all.IndexOf(cached);
        _all[index] = _all[^1];
        _all.RemoveAt(_all.Count - 1);
    }

    /// <summary>Adds the identity to every selector that selects it; returns those selectors.</summary>
    public List<CachedSelector> OnIdentityAdded(PolicyIdentity identity)
    {
        var changed = new List<CachedSelector>();
        foreach (var cached in _all)
        {
            if (cached.Selector.Matches(identity) && cached.Selections.Add(identity.Id))
            {
                changed.Add(cached);
            }
        }
        return changed;
    }

    /// <summary>Removes the identity from every selector that selected it; returns those selectors.</summary>
    public List<CachedSelector> OnIdentityRemoved(uint identity)
    {
        var changed = new List<CachedSelector>();
        foreach (var cached in _all)
        {
            if (cached.Selections.Remove(identity))
            {
                changed.Add(cached);
            }
        }
        return changed;
    }
}
