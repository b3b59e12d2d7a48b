using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Names other systems know an endpoint by (Cilium <c>models.EndpointIdentifiers</c>).</summary>
public sealed record EndpointIdentifiers(
    [property: JsonPropertyName("container-id")] string? ContainerId = null,
    [property: JsonPropertyName("container-name")] string? ContainerName = null,
    [property: JsonPropertyName("cni-attachment-id")] string? CniAttachmentId = null,
    [property: JsonPropertyName("docker-endpoint-id")] string? DockerEndpointId = null,
    [property: JsonPropertyName("docker-network-id")] string? DockerNetworkId = null,
    [property: JsonPropertyName("k8s-namespace")] string? K8sNamespace = null,
    [property: JsonPropertyName("k8s-pod-name")] string? K8sPodName = null,
    [property: JsonPropertyName("pod-name")] string? PodName = null);
