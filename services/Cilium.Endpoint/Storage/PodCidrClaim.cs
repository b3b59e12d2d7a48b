namespace Cilium.Endpoint.Storage;

/// <summary>One node's claim of one pod CIDR in <see cref="PodCidrIndex"/>; fields as in <see cref="IpClaim"/>.</summary>
public sealed record PodCidrClaim(string Cidr, string Node, ulong BasedOn, DateTimeOffset At);
