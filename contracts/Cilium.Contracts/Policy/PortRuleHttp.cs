using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>One HTTP rule (<c>pkg/policy/api/http.go</c>): path and method are regular expressions.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PortRuleHttp
{
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("host")] public string? Host { get; init; }
    [JsonPropertyName("headers")] public IReadOnlyList<string>? Headers { get; init; }
    [JsonPropertyName("headerMatches")] public JsonElement? HeaderMatches { get; init; }
}
