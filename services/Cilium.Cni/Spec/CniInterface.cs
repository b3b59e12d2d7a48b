using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>An interface of the result; <c>sandbox</c> (the netns path) marks the container's side.</summary>
public sealed record CniInterface(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("mac")] string Mac,
    [property: JsonPropertyName("sandbox")] string? Sandbox = null,
    [property: JsonPropertyName("mtu")] int? Mtu = null);
