using System.Text.Json.Serialization;

namespace Cilium.Contracts.Nodes;

/// <summary>One address of a node. <paramref name="Type"/> is InternalIP, ExternalIP or CiliumInternalIP.</summary>
public sealed record NodeAddress(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("ip")] string? Ip);
