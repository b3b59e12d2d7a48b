using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>One entry of <c>args.cni.labels</c> (CNI CONVENTIONS.md, "labels").</summary>
public sealed record LabelArgument(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("value")] string? Value);
