using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>IPAM summary in the status (Cilium <c>models.IPAMStatus</c>).</summary>
/// <param name="Ipv4">The pod CIDRs of this node.</param>
/// <param name="Allocations">Allocated IP -> owner (e.g. <c>default/pod-a</c>, <c>router</c>, <c>health</c>).</param>
public sealed record IPAMStatus(
    [property: JsonPropertyName("ipv4")] IReadOnlyList<string>? Ipv4 = null,
    [property: JsonPropertyName("ipv6")] IReadOnlyList<string>? Ipv6 = null,
    [property: JsonPropertyName("allocations")] IReadOnlyDictionary<string, string>? Allocations = null,
    [property: JsonPropertyName("status")] string? Status = null);
