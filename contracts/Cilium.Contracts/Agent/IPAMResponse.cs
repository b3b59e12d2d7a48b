using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Answer of <c>POST /v1/ipam</c> (Cilium <c>models.IPAMResponse</c>; <c>address</c> and <c>host-addressing</c> are required).</summary>
public sealed record IPAMResponse(
    [property: JsonPropertyName("address")] AddressPair Address,
    [property: JsonPropertyName("host-addressing")] NodeAddressing HostAddressing,
    [property: JsonPropertyName("ipv4")] IPAMAddressResponse? Ipv4 = null,
    [property: JsonPropertyName("ipv6")] IPAMAddressResponse? Ipv6 = null);
