using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>One family of a node's addressing (Cilium <c>models.NodeAddressingElement</c>).</summary>
/// <param name="AllocRange">The pod CIDR this node hands addresses out of.</param>
/// <param name="AddressType">For secondary addresses: <c>InternalIP</c>, <c>ExternalIP</c>, ….</param>
public sealed record NodeAddressingElement(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("ip")] string? Ip = null,
    [property: JsonPropertyName("alloc-range")] string? AllocRange = null,
    [property: JsonPropertyName("address-type")] string? AddressType = null);
