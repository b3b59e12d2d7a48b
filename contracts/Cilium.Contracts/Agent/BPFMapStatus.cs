using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Sizes of the node's BPF maps (Cilium <c>models.BPFMapStatus</c>).</summary>
public sealed record BPFMapStatus(
    [property: JsonPropertyName("dynamic-size-ratio")] double DynamicSizeRatio = 0,
    [property: JsonPropertyName("maps")] IReadOnlyList<BPFMapProperties>? Maps = null);
