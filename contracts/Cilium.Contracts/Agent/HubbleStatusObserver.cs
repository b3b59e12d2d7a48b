using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Flow buffer figures of the Hubble observer (Cilium <c>models.HubbleStatusObserver</c>).</summary>
/// <param name="Uptime">Go duration text, e.g. <c>1h2m3s</c>.</param>
public sealed record HubbleStatusObserver(
    [property: JsonPropertyName("current-flows")] long CurrentFlows = 0,
    [property: JsonPropertyName("max-flows")] long MaxFlows = 0,
    [property: JsonPropertyName("seen-flows")] long SeenFlows = 0,
    [property: JsonPropertyName("uptime")] string? Uptime = null);
