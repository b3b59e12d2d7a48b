using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>The answer to an apply or a delete: the policy revision after it, and what happened to each manifest.</summary>
public sealed record ApplyResult(
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("results")] IReadOnlyList<AppliedPolicy> Results);
