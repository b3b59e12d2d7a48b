using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A <c>toPorts</c> entry (<c>pkg/policy/api/l4.go</c> <c>PortRule</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PortRule
{
    [JsonPropertyName("ports")] public IReadOnlyList<PortProtocol>? Ports { get; init; }
    [JsonPropertyName("rules")] public L7Rules? Rules { get; init; }
    [JsonPropertyName("terminatingTLS")] public JsonElement? TerminatingTls { get; init; }
    [JsonPropertyName("originatingTLS")] public JsonElement? OriginatingTls { get; init; }
    [JsonPropertyName("serverNames")] public IReadOnlyList<string>? ServerNames { get; init; }
    [JsonPropertyName("listener")] public JsonElement? Listener { get; init; }
}
