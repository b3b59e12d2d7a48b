using System.Text.Json.Serialization;

namespace Cilium.Contracts.Nodes;

/// <summary>
/// A node of the cluster as the registry holds it (the role of Cilium's CiliumNode resource): its addresses,
/// pod CIDRs (canonical prefixes) and labels. <paramref name="Revision"/> is set in REST answers only.
/// <paramref name="HubbleAddress"/> is where the node's Hubble observer answers (<c>host:port</c>, Cilium's
/// <c>&lt;node IP&gt;:4244</c>, or <c>unix:///path</c>); every agent's Peer service announces it to hubble-relay.
/// </summary>
public sealed record CiliumNode(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("addresses")] IReadOnlyList<NodeAddress> Addresses,
    [property: JsonPropertyName("podCIDRs")] IReadOnlyList<string> PodCidrs,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("revision")] ulong? Revision = null,
    [property: JsonPropertyName("hubbleAddress")] string? HubbleAddress = null);
