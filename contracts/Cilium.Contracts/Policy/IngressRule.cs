using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// An entry of <c>ingress</c> or <c>ingressDeny</c> (<c>pkg/policy/api/ingress.go</c>). Deny entries use the same
/// shape; the fields Cilium leaves out of <c>IngressDenyRule</c> (L7 rules, authentication) are refused on them.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IngressRule
{
    [JsonPropertyName("fromEndpoints")] public IReadOnlyList<LabelSelector>? FromEndpoints { get; init; }
    [JsonPropertyName("fromRequires")] public IReadOnlyList<LabelSelector>? FromRequires { get; init; }
    [JsonPropertyName("fromCIDR")] public IReadOnlyList<string>? FromCidr { get; init; }
    [JsonPropertyName("fromCIDRSet")] public IReadOnlyList<CidrRule>? FromCidrSet { get; init; }
    [JsonPropertyName("fromEntities")] public IReadOnlyList<string>? FromEntities { get; init; }
    [JsonPropertyName("fromGroups")] public JsonElement? FromGroups { get; init; }
    [JsonPropertyName("fromNodes")] public IReadOnlyList<LabelSelector>? FromNodes { get; init; }
    [JsonPropertyName("toPorts")] public IReadOnlyList<PortRule>? ToPorts { get; init; }
    [JsonPropertyName("icmps")] public IReadOnlyList<IcmpRule>? Icmps { get; init; }
    [JsonPropertyName("authentication")] public Authentication? Authentication { get; init; }
}
