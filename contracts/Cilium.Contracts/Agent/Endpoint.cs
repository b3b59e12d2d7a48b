using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>A node-local endpoint as the agent's REST API returns it (Cilium <c>models.Endpoint</c>).</summary>
public sealed record Endpoint(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("spec")] EndpointConfigurationSpec? Spec,
    [property: JsonPropertyName("status")] EndpointStatus? Status);
