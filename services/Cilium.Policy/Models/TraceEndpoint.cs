using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>One end of a traced flow: exactly one of labels (<c>source:key=value</c>), a numeric identity or an IP.</summary>
public sealed record TraceEndpoint(
    [property: JsonPropertyName("labels")] IReadOnlyList<string>? Labels = null,
    [property: JsonPropertyName("identity")] long? Identity = null,
    [property: JsonPropertyName("ip")] string? Ip = null);
