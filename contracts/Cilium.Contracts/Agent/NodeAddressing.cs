using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>A node's addresses per family (Cilium <c>models.NodeAddressing</c>).</summary>
public sealed record NodeAddressing(
    [property: JsonPropertyName("ipv4")] NodeAddressingElement? Ipv4 = null,
    [property: JsonPropertyName("ipv6")] NodeAddressingElement? Ipv6 = null);
