namespace Cilium.Policy.Models;

/// <summary>The values of <see cref="AppliedPolicy.Result"/>.</summary>
public static class ApplyOutcomes
{
    public const string Created = "created";
    public const string Configured = "configured";
    public const string Unchanged = "unchanged";
    public const string Deleted = "deleted";
    public const string NotFound = "not-found";
}
