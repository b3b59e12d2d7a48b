namespace Cilium.Policy.Commands;

/// <summary>Writes every change, all or nothing, as one bump of the policy revision.</summary>
public sealed record ApplyPolicies(IReadOnlyList<PolicyChange> Changes);
