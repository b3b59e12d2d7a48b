using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>The spec of a Kubernetes NetworkPolicy; <c>policyTypes</c> holds Ingress and/or Egress.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NetworkPolicySpec
{
    [JsonPropertyName("podSelector")] public LabelSelector? PodSelector { get; init; }
    [JsonPropertyName("ingress")] public IReadOnlyList<NetworkPolicyIngressRule>? Ingress { get; init; }
    [JsonPropertyName("egress")] public IReadOnlyList<NetworkPolicyEgressRule>? Egress { get; init; }
    [JsonPropertyName("policyTypes")] public IReadOnlyList<string>? PolicyTypes { get; init; }
}
