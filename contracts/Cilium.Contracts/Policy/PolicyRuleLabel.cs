using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>One entry of a rule's <c>labels</c> (Cilium's <c>LabelArray</c> element).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyRuleLabel
{
    [JsonPropertyName("key")] public string? Key { get; init; }
    [JsonPropertyName("value")] public string? Value { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
}
