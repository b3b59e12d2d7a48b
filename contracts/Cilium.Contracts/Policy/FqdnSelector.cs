using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A <c>toFQDNs</c> or <c>rules.dns</c> entry (<c>pkg/policy/api/fqdn.go</c>): matchName or matchPattern.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record FqdnSelector
{
    [JsonPropertyName("matchName")] public string? MatchName { get; init; }
    [JsonPropertyName("matchPattern")] public string? MatchPattern { get; init; }
}
