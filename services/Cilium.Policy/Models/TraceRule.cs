using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>
/// A rule that decided a trace side: its display name (<c>Kind/namespace/name[index]</c>, or the reason of an entry
/// Cilium synthesises), and for a stored rule the policy it belongs to and its index in <c>spec</c>/<c>specs</c>.
/// </summary>
public sealed record TraceRule(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string? Kind = null,
    [property: JsonPropertyName("namespace")] string? Namespace = null,
    [property: JsonPropertyName("policy")] string? Policy = null,
    [property: JsonPropertyName("index")] int? Index = null);
