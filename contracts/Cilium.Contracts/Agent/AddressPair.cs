using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>An endpoint's IPv4 and/or IPv6 address (Cilium <c>models.AddressPair</c>).</summary>
public sealed record AddressPair(
    [property: JsonPropertyName("ipv4")] string? Ipv4 = null,
    [property: JsonPropertyName("ipv4-expiration-uuid")] string? Ipv4ExpirationUuid = null,
    [property: JsonPropertyName("ipv4-pool-name")] string? Ipv4PoolName = null,
    [property: JsonPropertyName("ipv6")] string? Ipv6 = null,
    [property: JsonPropertyName("ipv6-expiration-uuid")] string? Ipv6ExpirationUuid = null,
    [property: JsonPropertyName("ipv6-pool-name")] string? Ipv6PoolName = null);
