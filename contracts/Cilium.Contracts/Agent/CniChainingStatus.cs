using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>CNI chaining mode (Cilium <c>models.CNIChainingStatus</c>), e.g. <c>none</c>.</summary>
public sealed record CniChainingStatus(
    [property: JsonPropertyName("mode")] string Mode);
