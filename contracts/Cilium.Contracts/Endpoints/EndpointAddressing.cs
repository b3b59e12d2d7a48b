using System.Text.Json.Serialization;

namespace Cilium.Contracts.Endpoints;

/// <summary>The IPs of an endpoint (Cilium's <c>AddressPair</c> subset); at least one is set, in canonical text form.</summary>
public sealed record EndpointAddressing(
    [property: JsonPropertyName("ipv4")] string? Ipv4,
    [property: JsonPropertyName("ipv6")] string? Ipv6);
