using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// The labels of an endpoint by role (Cilium <c>models.LabelConfigurationStatus</c>): only
/// <paramref name="SecurityRelevant"/> labels form the identity; <paramref name="Derived"/> ones were filtered out.
/// </summary>
public sealed record LabelConfigurationStatus(
    [property: JsonPropertyName("realized")] LabelConfigurationSpec? Realized = null,
    [property: JsonPropertyName("security-relevant")] IReadOnlyList<string>? SecurityRelevant = null,
    [property: JsonPropertyName("derived")] IReadOnlyList<string>? Derived = null,
    [property: JsonPropertyName("disabled")] IReadOnlyList<string>? Disabled = null);
