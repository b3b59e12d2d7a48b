namespace Cilium.Core.Policy.Selectors;

/// <summary>
/// Anything that selects identities: label selectors and CIDR selectors. <see cref="Key"/> is canonical text, equal
/// for selectors that select the same identities by construction, so the selector cache can share one entry.
/// </summary>
public abstract class PeerSelector : IEquatable<PeerSelector>
{
    public abstract string Key { get; }

    public abstract bool Matches(PolicyIdentity identity);

    public bool Equals(PeerSelector? other) => other is not null && GetType() == other.GetType() && Key == other.Key;
    public override bool Equals(object? obj) => Equals(obj as PeerSelector);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
    public override string ToString() => Key;
}
