using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The changeable agent options (Cilium <c>models.DaemonConfigurationSpec</c>; also the body of <c>PATCH /v1/config</c>).</summary>
/// <param name="PolicyEnforcement"><c>default</c>, <c>always</c> or <c>never</c>.</param>
public sealed record DaemonConfigurationSpec(
    [property: JsonPropertyName("options")] IReadOnlyDictionary<string, string>? Options = null,
    [property: JsonPropertyName("policy-enforcement")] string? PolicyEnforcement = null);
