using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>Mutual authentication of a rule: <c>mode</c> disabled, required or test-always-fail.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record Authentication
{
    [JsonPropertyName("mode")] public string? Mode { get; init; }
}
