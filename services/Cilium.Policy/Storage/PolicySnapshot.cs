using System.Collections.Immutable;
using Cilium.Policy.Models;

namespace Cilium.Policy.Storage;

/// <summary>The committed policies at one policy revision, keyed by bucket key; immutable, swapped whole.</summary>
public sealed record PolicySnapshot(long Revision, ImmutableSortedDictionary<string, PolicyRecord> Policies)
{
    public static PolicySnapshot Empty { get; } = new(0, ImmutableSortedDictionary.Create<string, PolicyRecord>(StringComparer.Ordinal));
}
