using System.Text.Json.Serialization;

namespace Cilium.Contracts.Endpoints;

/// <summary>Body of <c>PUT /v1/endpoints/{namespace}/{name}</c>: where the endpoint runs and what it is.</summary>
/// <param name="EndpointId">The node-local endpoint id, 1..4095.</param>
/// <param name="Identity">The numeric security identity, 1 or more.</param>
/// <param name="Labels">Labels in <c>source:key=value</c> form.</param>
public sealed record PutEndpointRequest(
    [property: JsonPropertyName("node")] string? Node,
    [property: JsonPropertyName("endpointId")] long? EndpointId,
    [property: JsonPropertyName("addressing")] EndpointAddressing? Addressing,
    [property: JsonPropertyName("identity")] long? Identity,
    [property: JsonPropertyName("labels")] IReadOnlyList<string>? Labels,
    [property: JsonPropertyName("namedPorts")] IReadOnlyList<NamedPort>? NamedPorts);
