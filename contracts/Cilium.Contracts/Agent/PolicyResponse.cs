using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// Answer of <c>GET /v1/policy</c> (Cilium <c>models.Policy</c>): the rules as JSON text and the repository revision.
/// Named <c>PolicyResponse</c> because a type called <c>Policy</c> would be shadowed by the <c>Cilium.Contracts.Policy</c>
/// namespace (and by any <c>*.Policy</c> namespace of its users).
/// </summary>
/// <param name="Policy">A JSON array of rules, as text: Cilium sends it pre-serialized.</param>
public sealed record PolicyResponse(
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("revision")] long Revision);
