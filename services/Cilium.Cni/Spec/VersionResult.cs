using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>Answer to the VERSION command.</summary>
public sealed record VersionResult(
    [property: JsonPropertyName("cniVersion")] string CniVersion,
    [property: JsonPropertyName("supportedVersions")] IReadOnlyList<string> SupportedVersions);
