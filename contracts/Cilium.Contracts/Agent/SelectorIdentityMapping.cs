using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// One entry of the selector cache (Cilium <c>models.SelectorIdentityMapping</c>; <c>GET /v1/policy/selectors</c>
/// returns an array of them).
/// </summary>
/// <param name="Users">How many policy rules use this selector.</param>
/// <param name="Labels">Labels of the policies the selector comes from, one label array per policy.</param>
public sealed record SelectorIdentityMapping(
    [property: JsonPropertyName("selector")] string Selector,
    [property: JsonPropertyName("identities")] IReadOnlyList<long>? Identities = null,
    [property: JsonPropertyName("users")] long Users = 0,
    [property: JsonPropertyName("labels")] IReadOnlyList<IReadOnlyList<string>>? Labels = null);
