using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>
/// What one manifest of a request did, in <c>kubectl apply</c> words: <c>created</c>, <c>configured</c>,
/// <c>unchanged</c> or <c>deleted</c>; <paramref name="Index"/> is its position in the request.
/// </summary>
public sealed record AppliedPolicy(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("result")] string Result);
