using Cilium.Policy.Models;

namespace Cilium.Policy.Commands;

/// <summary>The changes are committed (or nothing needed changing) at policy revision <paramref name="Revision"/>.</summary>
public sealed record PoliciesApplied(long Revision, IReadOnlyList<AppliedPolicy> Results);
