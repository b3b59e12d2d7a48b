using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// Body of <c>PUT /v1/endpoint/{id}</c> that the CNI plugin sends to create an endpoint
/// (Cilium <c>models.EndpointChangeRequest</c>; <c>state</c> is required).
/// </summary>
/// <param name="NetnsCookie">Network namespace cookie, a decimal string as in Cilium.</param>
public sealed record EndpointChangeRequest(
    [property: JsonPropertyName("state")] EndpointState State,
    [property: JsonPropertyName("id")] long Id = 0,
    [property: JsonPropertyName("addressing")] AddressPair? Addressing = null,
    [property: JsonPropertyName("container-id")] string? ContainerId = null,
    [property: JsonPropertyName("container-name")] string? ContainerName = null,
    [property: JsonPropertyName("container-interface-name")] string? ContainerInterfaceName = null,
    [property: JsonPropertyName("container-netns-path")] string? ContainerNetnsPath = null,
    [property: JsonPropertyName("datapath-configuration")] EndpointDatapathConfiguration? DatapathConfiguration = null,
    [property: JsonPropertyName("datapath-map-id")] long DatapathMapId = 0,
    [property: JsonPropertyName("docker-endpoint-id")] string? DockerEndpointId = null,
    [property: JsonPropertyName("docker-network-id")] string? DockerNetworkId = null,
    [property: JsonPropertyName("host-mac")] string? HostMac = null,
    [property: JsonPropertyName("interface-index")] long InterfaceIndex = 0,
    [property: JsonPropertyName("interface-name")] string? InterfaceName = null,
    [property: JsonPropertyName("is-secondary-interface")] bool IsSecondaryInterface = false,
    [property: JsonPropertyName("k8s-namespace")] string? K8sNamespace = null,
    [property: JsonPropertyName("k8s-pod-name")] string? K8sPodName = null,
    [property: JsonPropertyName("k8s-uid")] string? K8sUid = null,
    [property: JsonPropertyName("labels")] IReadOnlyList<string>? Labels = null,
    [property: JsonPropertyName("mac")] string? Mac = null,
    [property: JsonPropertyName("netns-cookie")] string? NetnsCookie = null,
    [property: JsonPropertyName("parent-interface-index")] long ParentInterfaceIndex = 0,
    [property: JsonPropertyName("pid")] long Pid = 0,
    [property: JsonPropertyName("policy-enabled")] bool PolicyEnabled = false,
    [property: JsonPropertyName("properties")] IReadOnlyDictionary<string, JsonElement>? Properties = null,
    [property: JsonPropertyName("sync-build-endpoint")] bool SyncBuildEndpoint = false);
