using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>The spec's error result, written to stdout with a non-zero exit code.</summary>
public sealed record CniError(
    [property: JsonPropertyName("cniVersion")] string CniVersion,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("msg")] string Msg,
    [property: JsonPropertyName("details")] string? Details = null);
