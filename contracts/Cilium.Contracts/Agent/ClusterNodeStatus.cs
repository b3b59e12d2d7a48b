using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// Answer of <c>GET /v1/cluster/nodes</c> (Cilium <c>models.ClusterNodeStatus</c>). A caller that sends the
/// <c>client-id</c> header gets only <paramref name="NodesAdded"/>/<paramref name="NodesRemoved"/> since its last call.
/// </summary>
public sealed record ClusterNodeStatus(
    [property: JsonPropertyName("client-id")] long ClientId = 0,
    [property: JsonPropertyName("self")] string? Self = null,
    [property: JsonPropertyName("nodes-added")] IReadOnlyList<NodeElement>? NodesAdded = null,
    [property: JsonPropertyName("nodes-removed")] IReadOnlyList<NodeElement>? NodesRemoved = null);
