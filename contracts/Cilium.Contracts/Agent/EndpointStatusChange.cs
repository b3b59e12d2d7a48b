using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>One entry of an endpoint's status log (Cilium <c>models.EndpointStatusChange</c>).</summary>
/// <param name="Code"><c>OK</c> or <c>Failed</c>.</param>
/// <param name="Timestamp">RFC 3339 text, as Cilium's model keeps it (a string, not a date type).</param>
public sealed record EndpointStatusChange(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("state")] EndpointState State,
    [property: JsonPropertyName("timestamp")] string Timestamp);
