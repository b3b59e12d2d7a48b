using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Answer of <c>GET /v1/endpoint/{id}/config</c> (Cilium <c>models.EndpointConfigurationStatus</c>).</summary>
/// <param name="Error">Why the last configuration change failed, if it did.</param>
/// <param name="Immutable">Options that cannot be changed at run time.</param>
public sealed record EndpointConfigurationStatus(
    [property: JsonPropertyName("realized")] EndpointConfigurationSpec? Realized = null,
    [property: JsonPropertyName("immutable")] IReadOnlyDictionary<string, string>? Immutable = null,
    [property: JsonPropertyName("error")] string? Error = null);
