using System.Text.Json.Serialization;

namespace Cilium.Contracts.Nodes;

/// <summary>Body of <c>PUT /v1/nodes/{name}</c>.</summary>
/// <param name="PodCidrs">The prefixes the node hands pod IPs out of; no two nodes may overlap.</param>
/// <param name="HubbleAddress">The node's Hubble observer, <c>host:port</c> or <c>unix:///path</c>; none when Hubble is off.</param>
public sealed record PutNodeRequest(
    [property: JsonPropertyName("addresses")] IReadOnlyList<NodeAddress>? Addresses,
    [property: JsonPropertyName("podCIDRs")] IReadOnlyList<string>? PodCidrs,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string>? Labels,
    [property: JsonPropertyName("hubbleAddress")] string? HubbleAddress = null);
