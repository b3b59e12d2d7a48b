using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>The <c>rules</c> of a <see cref="PortRule"/> (<c>pkg/policy/api/l4.go</c> <c>L7Rules</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record L7Rules
{
    [JsonPropertyName("http")] public IReadOnlyList<PortRuleHttp>? Http { get; init; }
    [JsonPropertyName("dns")] public IReadOnlyList<FqdnSelector>? Dns { get; init; }
    [JsonPropertyName("kafka")] public JsonElement? Kafka { get; init; }
    [JsonPropertyName("l7proto")] public string? L7Proto { get; init; }
    [JsonPropertyName("l7")] public JsonElement? L7 { get; init; }
}
