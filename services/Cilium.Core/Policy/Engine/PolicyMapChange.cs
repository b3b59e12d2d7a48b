namespace Cilium.Core.Policy.Engine;

/// <summary>
/// One change to an endpoint's desired policy map: added (no <see cref="Before"/>), removed (no <see cref="After"/>)
/// or changed (both). The agent writes <see cref="After"/> for added/changed keys and deletes removed keys; a change
/// whose verdict is unchanged only renames the rules behind the entry and needs no map write.
/// </summary>
public sealed record PolicyMapChange(PolicyKey Key, PolicyEntry? Before, PolicyEntry? After)
{
    public bool IsAdded => Before is null && After is not null;
    public bool IsRemoved => Before is not null && After is null;
    public bool IsChanged => Before is not null && After is not null;

    /// <summary>True when the BPF map must be written: the key appears, disappears or flips allow/deny.</summary>
    public bool AffectsDatapath => Before?.Verdict != After?.Verdict || (Before is null) != (After is null);
}
