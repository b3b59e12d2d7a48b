using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// The part of Kubernetes' <c>metadata</c> a policy manifest needs. Other metadata fields (resourceVersion,
/// managedFields, ...) are accepted and dropped, as a manifest copied from <c>kubectl get -o yaml</c> carries them.
/// </summary>
public sealed record ObjectMeta
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
    [JsonPropertyName("uid")] public string? Uid { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyDictionary<string, string>? Labels { get; init; }
    [JsonPropertyName("annotations")] public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
