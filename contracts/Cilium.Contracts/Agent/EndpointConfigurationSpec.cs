using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The user-changeable configuration of an endpoint (Cilium <c>models.EndpointConfigurationSpec</c>).</summary>
/// <param name="Options">Per-endpoint runtime options (Cilium's <c>ConfigurationMap</c>), e.g. <c>PolicyAuditMode</c> -> <c>Disabled</c>.</param>
public sealed record EndpointConfigurationSpec(
    [property: JsonPropertyName("label-configuration")] LabelConfigurationSpec? LabelConfiguration = null,
    [property: JsonPropertyName("options")] IReadOnlyDictionary<string, string>? Options = null);
