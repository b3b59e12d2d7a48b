using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The cluster as this node sees it (Cilium <c>models.ClusterStatus</c>).</summary>
/// <param name="Self">This node's name, <c>&lt;cluster&gt;/&lt;node&gt;</c> as Cilium prints it.</param>
public sealed record ClusterStatus(
    [property: JsonPropertyName("self")] string? Self = null,
    [property: JsonPropertyName("nodes")] IReadOnlyList<NodeElement>? Nodes = null,
    [property: JsonPropertyName("ciliumHealth")] Status? CiliumHealth = null);
