using System.Text.Json.Serialization;

namespace Cilium.Contracts.Nodes;

/// <summary>
/// A node of the cluster as the registry holds it (the role of Cilium's CiliumNode resource): its addresses,
/// pod CIDRs (canonical prefixes) and labels. <paramref name="Revision"/> is set in REST answers only.
/// </summary>
public sealed record CiliumNode(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("addresses")] IReadOnlyList<NodeAddress> Addresses,
    [property: JsonPropertyName("podCIDRs")] IReadOnlyList<string> PodCidrs,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("revision")] ulong? Revision = null);
