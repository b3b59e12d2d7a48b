using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>Services chosen by a label selector, optionally in one namespace.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record K8sServiceSelectorNamespace
{
    [JsonPropertyName("selector")] public LabelSelector? Selector { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
}
