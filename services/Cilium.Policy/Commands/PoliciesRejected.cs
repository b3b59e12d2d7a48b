namespace Cilium.Policy.Commands;

/// <summary>Nothing was written: an <c>If-Match</c> did not hold (412), the batch is too large (413), or writers kept racing (409).</summary>
public sealed record PoliciesRejected(int Status, string Title, string Detail);
