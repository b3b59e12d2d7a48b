using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>An address of the result. <c>version</c> exists only before spec 1.0.0.</summary>
/// <param name="Interface">Index into the result's <c>interfaces</c>.</param>
public sealed record CniIpConfig(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("gateway")] string? Gateway,
    [property: JsonPropertyName("interface")] int Interface,
    [property: JsonPropertyName("version")] string? Version = null);
