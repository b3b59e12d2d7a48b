using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>A BPF map's name and maximum entries (Cilium <c>models.BPFMapProperties</c>).</summary>
public sealed record BPFMapProperties(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("size")] long Size);
