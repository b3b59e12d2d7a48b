using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// Who put a key into an endpoint's map: per rule and verdict, how many times (a rule can reach the same key through
/// several selectors or ports). Counting makes removal exact: a key stays while anything still contributes to it.
/// </summary>
internal sealed class KeyContributions
{
    private readonly List<(RuleOrigin Origin, bool Deny, int Count)> _items = new(1);

    public int DenyCount { get; private set; }
    public int AllowCount { get; private set; }
    public bool HasDeny => DenyCount > 0;
    public bool IsEmpty => DenyCount == 0 && AllowCount == 0;

    public void Add(RuleOrigin origin, bool deny)
    {
        if (deny) { DenyCount++; } else { AllowCount++; }
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            if (ReferenceEquals(item.Origin, origin) && item.Deny == deny)
            {
                _items[i] = (origin, deny, item.Count + 1);
                return;
            }
        }
        _items.Add((origin, deny, 1));
    }

    public void Remove(RuleOrigin origin, bool deny)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            if (ReferenceEquals(item.Origin, origin) && item.Deny == deny)
            {
                if (deny) { DenyCount--; } else { AllowCount--; }
                if (item.Count == 1)
                {
                    _items.RemoveAt(i);
                }
                else
                {
                    _items[i] = (origin, deny, item.Count - 1);
                }
                return;
            }
        }
        throw new InvalidOperationException($"no contribution of {origin} ({(deny ? "deny" : "allow")}) to remove");
    }

    /// <summary>The entry these contributions make: deny if any rule denies, with the rules of the winning verdict.</summary>
    public PolicyEntry ToEntry()
    {
        var deny = HasDeny;
        if (_items.Count == 1)
        {
            return _items[0].Origin.EntryFor(deny ? PolicyVerdict.Deny : PolicyVerdict.Allow);
        }
        var origins = new List<RuleOrigin>(_items.Count);
        foreach (var item in _items)
        {
            if (item.Deny == deny && !origins.Contains(item.Origin))
            {
                origins.Add(item.Origin);
            }
        }
        if (origins.Count == 1)
        {
            return origins[0].EntryFor(deny ? PolicyVerdict.Deny : PolicyVerdict.Allow);
        }
        return new PolicyEntry(deny ? PolicyVerdict.Deny : PolicyVerdict.Allow, origins);
    }
}
