using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Body of <c>DELETE /v1/endpoint</c>: delete every endpoint of a container (Cilium <c>models.EndpointBatchDeleteRequest</c>); CNI DEL uses it.</summary>
public sealed record EndpointBatchDeleteRequest(
    [property: JsonPropertyName("container-id")] string? ContainerId);
