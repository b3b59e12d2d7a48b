using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// An entry of <c>egress</c> or <c>egressDeny</c> (<c>pkg/policy/api/egress.go</c>). Deny entries use the same
/// shape; the fields Cilium leaves out of <c>EgressDenyRule</c> (FQDNs, L7 rules, authentication) are refused on them.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record EgressRule
{
    [JsonPropertyName("toEndpoints")] public IReadOnlyList<LabelSelector>? ToEndpoints { get; init; }
    [JsonPropertyName("toRequires")] public IReadOnlyList<LabelSelector>? ToRequires { get; init; }
    [JsonPropertyName("toCIDR")] public IReadOnlyList<string>? ToCidr { get; init; }
    [JsonPropertyName("toCIDRSet")] public IReadOnlyList<CidrRule>? ToCidrSet { get; init; }
    [JsonPropertyName("toEntities")] public IReadOnlyList<string>? ToEntities { get; init; }
    [JsonPropertyName("toServices")] public IReadOnlyList<ServiceSelector>? ToServices { get; init; }
    [JsonPropertyName("toFQDNs")] public IReadOnlyList<FqdnSelector>? ToFqdns { get; init; }
    [JsonPropertyName("toGroups")] public JsonElement? ToGroups { get; init; }
    [JsonPropertyName("toNodes")] public IReadOnlyList<LabelSelector>? ToNodes { get; init; }
    [JsonPropertyName("toPorts")] public IReadOnlyList<PortRule>? ToPorts { get; init; }
    [JsonPropertyName("icmps")] public IReadOnlyList<IcmpRule>? Icmps { get; init; }
    [JsonPropertyName("authentication")] public Authentication? Authentication { get; init; }
}
