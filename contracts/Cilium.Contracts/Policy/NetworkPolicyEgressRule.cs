using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>An egress rule of a Kubernetes NetworkPolicy: missing or empty <c>to</c> means every destination.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NetworkPolicyEgressRule
{
    [JsonPropertyName("ports")] public IReadOnlyList<NetworkPolicyPort>? Ports { get; init; }
    [JsonPropertyName("to")] public IReadOnlyList<NetworkPolicyPeer>? To { get; init; }
}
