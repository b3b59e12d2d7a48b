using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Connections to remote clusters (Cilium <c>models.ClusterMeshStatus</c>).</summary>
public sealed record ClusterMeshStatus(
    [property: JsonPropertyName("clusters")] IReadOnlyList<RemoteCluster>? Clusters = null,
    [property: JsonPropertyName("num-global-services")] long NumGlobalServices = 0);
