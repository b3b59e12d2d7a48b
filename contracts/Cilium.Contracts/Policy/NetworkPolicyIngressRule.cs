using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>An ingress rule of a Kubernetes NetworkPolicy: missing or empty <c>from</c> means every source.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NetworkPolicyIngressRule
{
    [JsonPropertyName("ports")] public IReadOnlyList<NetworkPolicyPort>? Ports { get; init; }
    [JsonPropertyName("from")] public IReadOnlyList<NetworkPolicyPeer>? From { get; init; }
}
