using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Run counters of a controller (Cilium <c>models.ControllerStatusStatus</c>); timestamps are RFC 3339 text.</summary>
public sealed record ControllerStatusStatus(
    [property: JsonPropertyName("success-count")] long SuccessCount = 0,
    [property: JsonPropertyName("failure-count")] long FailureCount = 0,
    [property: JsonPropertyName("consecutive-failure-count")] long ConsecutiveFailureCount = 0,
    [property: JsonPropertyName("last-success-timestamp")] string? LastSuccessTimestamp = null,
    [property: JsonPropertyName("last-failure-timestamp")] string? LastFailureTimestamp = null,
    [property: JsonPropertyName("last-failure-msg")] string? LastFailureMsg = null);
