using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A CIDR peer with exceptions.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IpBlock
{
    [JsonPropertyName("cidr")] public string? Cidr { get; init; }
    [JsonPropertyName("except")] public IReadOnlyList<string>? Except { get; init; }
}
