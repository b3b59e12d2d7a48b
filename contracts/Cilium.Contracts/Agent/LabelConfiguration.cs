using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Answer of <c>GET /v1/endpoint/{id}/labels</c> (Cilium <c>models.LabelConfiguration</c>).</summary>
public sealed record LabelConfiguration(
    [property: JsonPropertyName("spec")] LabelConfigurationSpec? Spec,
    [property: JsonPropertyName("status")] LabelConfigurationStatus? Status);
