namespace Cilium.Endpoint.Storage;

/// <summary>The value of <c>podcidrs</c>: every pod CIDR claim of every node.</summary>
public sealed record PodCidrIndex(IReadOnlyList<PodCidrClaim> Claims)
{
    public static PodCidrIndex Empty { get; } = new([]);
}
