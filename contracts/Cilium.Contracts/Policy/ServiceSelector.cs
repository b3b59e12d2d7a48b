using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A <c>toServices</c> entry (<c>pkg/policy/api/service.go</c> <c>Service</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record ServiceSelector
{
    [JsonPropertyName("k8sService")] public K8sServiceNamespace? K8sService { get; init; }
    [JsonPropertyName("k8sServiceSelector")] public K8sServiceSelectorNamespace? K8sServiceSelector { get; init; }
}
