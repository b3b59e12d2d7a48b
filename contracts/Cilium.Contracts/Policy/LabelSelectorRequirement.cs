using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>One <c>matchExpressions</c> entry: <c>operator</c> is In, NotIn, Exists or DoesNotExist.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record LabelSelectorRequirement
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("operator")] public string? Operator { get; init; }
    [JsonPropertyName("values")] public IReadOnlyList<string>? Values { get; init; }
}
