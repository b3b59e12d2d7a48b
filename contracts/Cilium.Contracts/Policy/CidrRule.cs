using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A <c>fromCIDRSet</c>/<c>toCIDRSet</c> entry (<c>pkg/policy/api/cidr.go</c>): exactly one of cidr, cidrGroupRef, cidrGroupSelector.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CidrRule
{
    [JsonPropertyName("cidr")] public string? Cidr { get; init; }
    [JsonPropertyName("cidrGroupRef")] public string? CidrGroupRef { get; init; }
    [JsonPropertyName("cidrGroupSelector")] public LabelSelector? CidrGroupSelector { get; init; }
    [JsonPropertyName("except")] public IReadOnlyList<string>? Except { get; init; }
}
