using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Health of an endpoint by area (Cilium <c>models.EndpointHealth</c>); each value is one of <see cref="EndpointHealthStatus"/>.</summary>
public sealed record EndpointHealth(
    [property: JsonPropertyName("bpf")] string? Bpf,
    [property: JsonPropertyName("policy")] string? Policy,
    [property: JsonPropertyName("overallHealth")] string? OverallHealth,
    [property: JsonPropertyName("connected")] bool Connected);
