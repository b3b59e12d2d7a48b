using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>One side of a traced flow: verdict, whether policy is enforced there, why, and the deciding rules.</summary>
public sealed record TraceDirection(
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("enforced")] bool Enforced,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("rules")] IReadOnlyList<TraceRule> Rules);
