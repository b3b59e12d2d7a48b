using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A peer of a Kubernetes NetworkPolicy rule: pods and/or namespaces by selector, or an ipBlock.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NetworkPolicyPeer
{
    [JsonPropertyName("podSelector")] public LabelSelector? PodSelector { get; init; }
    [JsonPropertyName("namespaceSelector")] public LabelSelector? NamespaceSelector { get; init; }
    [JsonPropertyName("ipBlock")] public IpBlock? IpBlock { get; init; }
}
