using Cilium.Policy.Commands;

namespace Cilium.Policy.Storage;

/// <summary>Either the committed batch or why nothing was written.</summary>
public sealed record CommitOutcome(PoliciesApplied? Applied, PoliciesRejected? Rejected);
