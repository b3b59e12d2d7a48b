using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Addresses and the host-side link of an endpoint (Cilium <c>models.EndpointNetworking</c>).</summary>
public sealed record EndpointNetworking(
    [property: JsonPropertyName("addressing")] IReadOnlyList<AddressPair>? Addressing = null,
    [property: JsonPropertyName("host-addressing")] NodeAddressing? HostAddressing = null,
    [property: JsonPropertyName("mac")] string? Mac = null,
    [property: JsonPropertyName("host-mac")] string? HostMac = null,
    [property: JsonPropertyName("interface-name")] string? InterfaceName = null,
    [property: JsonPropertyName("interface-index")] long InterfaceIndex = 0,
    [property: JsonPropertyName("container-interface-name")] string? ContainerInterfaceName = null);
