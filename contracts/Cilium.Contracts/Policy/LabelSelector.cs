using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// A Kubernetes LabelSelector. In Cilium rules a key may carry a source prefix (<c>k8s:app</c>,
/// <c>reserved:host</c>); a key without one matches labels of any source.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LabelSelector
{
    [JsonPropertyName("matchLabels")] public IReadOnlyDictionary<string, string>? MatchLabels { get; init; }
    [JsonPropertyName("matchExpressions")] public IReadOnlyList<LabelSelectorRequirement>? MatchExpressions { get; init; }
}
