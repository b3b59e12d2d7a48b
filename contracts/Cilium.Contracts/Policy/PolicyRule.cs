using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>One Cilium policy rule (<c>pkg/policy/api/rule.go</c> <c>Rule</c>): the <c>spec</c> of a CNP or CCNP.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PolicyRule
{
    [JsonPropertyName("endpointSelector")] public LabelSelector? EndpointSelector { get; init; }
    [JsonPropertyName("nodeSelector")] public LabelSelector? NodeSelector { get; init; }
    [JsonPropertyName("ingress")] public IReadOnlyList<IngressRule>? Ingress { get; init; }
    [JsonPropertyName("ingressDeny")] public IReadOnlyList<IngressRule>? IngressDeny { get; init; }
    [JsonPropertyName("egress")] public IReadOnlyList<EgressRule>? Egress { get; init; }
    [JsonPropertyName("egressDeny")] public IReadOnlyList<EgressRule>? EgressDeny { get; init; }
    [JsonPropertyName("enableDefaultDeny")] public DefaultDenyConfig? EnableDefaultDeny { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyList<PolicyRuleLabel>? Labels { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("log")] public PolicyLogConfig? Log { get; init; }
}
