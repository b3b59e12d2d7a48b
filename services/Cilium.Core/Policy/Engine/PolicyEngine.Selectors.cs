namespace Cilium.Core.Policy.Engine;

public sealed partial class PolicyEngine
{
    /// <summary>
    /// Each selector of the selector cache with the identities it selects and how many rules use it (Cilium's
    /// <c>GET /v1/policy/selectors</c>, <c>SelectorCache</c> model).
    /// </summary>
    public IReadOnlyList<SelectorSelections> SelectorSnapshot() =>
        _selectors.All.Select(s => new SelectorSelections(s.Selector.Key, s.Selections.Order().ToArray(), s.Users.Count)).ToArray();
}

/// <summary>One selector of the cache: its canonical text, the identities it selects, its number of users.</summary>
public sealed record SelectorSelections(string Selector, IReadOnlyList<uint> Identities, int Users);
