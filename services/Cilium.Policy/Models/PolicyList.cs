using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>A list answer: the policy revision the list was read at, and the policies in kind/namespace/name order.</summary>
public sealed record PolicyList(
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("items")] IReadOnlyList<PolicyRecord> Items);
