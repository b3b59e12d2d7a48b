using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A rule's <c>log</c>: <c>value</c> is attached to flows the rule decided.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyLogConfig
{
    [JsonPropertyName("value")] public string? Value { get; init; }
}
