using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

public sealed record CniRoute(
    [property: JsonPropertyName("dst")] string Dst,
    [property: JsonPropertyName("gw")] string? Gw = null);
