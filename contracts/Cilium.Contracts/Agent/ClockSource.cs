using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Clock the datapath uses for timestamps (Cilium <c>models.ClockSource</c>): <c>ktime</c> or <c>jiffies</c>.</summary>
public sealed record ClockSource(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("hertz")] long Hertz = 0);
