using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>A background controller and how its runs went (Cilium <c>models.ControllerStatus</c>).</summary>
public sealed record ControllerStatus(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("uuid")] string? Uuid = null,
    [property: JsonPropertyName("configuration")] ControllerStatusConfiguration? Configuration = null,
    [property: JsonPropertyName("status")] ControllerStatusStatus? Status = null);
