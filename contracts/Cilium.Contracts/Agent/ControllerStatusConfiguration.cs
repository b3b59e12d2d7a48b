using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>How a controller is scheduled (Cilium <c>models.ControllerStatusConfiguration</c>); durations in Go text form, e.g. <c>5m0s</c>.</summary>
public sealed record ControllerStatusConfiguration(
    [property: JsonPropertyName("error-retry")] bool ErrorRetry = false,
    [property: JsonPropertyName("error-retry-base")] string? ErrorRetryBase = null,
    [property: JsonPropertyName("interval")] string? Interval = null);
