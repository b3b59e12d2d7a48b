using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The node's Hubble observer (Cilium <c>models.HubbleStatus</c>); state is one of <see cref="StatusState"/>.</summary>
public sealed record HubbleStatus(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("msg")] string? Msg = null,
    [property: JsonPropertyName("observer")] HubbleStatusObserver? Observer = null);
