namespace Cilium.Contracts.Identities;

/// <summary>Command: allocate, or look up, the identity of a label set that has already been parsed and filtered.</summary>
/// <param name="Labels">Security-relevant labels, sorted, in <c>source:key=value</c> form.</param>
public sealed record AllocateIdentity(IReadOnlyList<string> Labels);

/// <summary>Reply to <see cref="AllocateIdentity"/>: <paramref name="Created"/> is true when the number is new.</summary>
public sealed record IdentityAllocated(Identity Identity, bool Created);

/// <summary>Command: release a cluster identity.</summary>
public sealed record ReleaseIdentity(long Id);

/// <summary>Reply to <see cref="ReleaseIdentity"/>.</summary>
public sealed record IdentityReleased(long Id);

/// <summary>Reply to <see cref="AllocateIdentity"/> when the cluster's identity range has no free number.</summary>
public sealed record IdentityRangeExhausted(string Range);

/// <summary>Reply to <see cref="ReleaseIdentity"/> when no such identity exists.</summary>
public sealed record IdentityNotFound(long Id);

/// <summary>Reply to <see cref="ReleaseIdentity"/> for a reserved identity, which cannot be released.</summary>
public sealed record IdentityIsReserved(long Id);
