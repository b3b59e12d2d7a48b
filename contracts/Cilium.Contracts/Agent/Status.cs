using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Generic health of a component (Cilium <c>models.Status</c>); <paramref name="State"/> is one of <see cref="StatusState"/>.</summary>
public sealed record Status(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("msg")] string? Msg = null);
