using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Answer of <c>GET /v1/map</c> (Cilium <c>models.BPFMapList</c>).</summary>
public sealed record BPFMapList(
    [property: JsonPropertyName("maps")] IReadOnlyList<BPFMap>? Maps);
