using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Labels a user put on an endpoint by hand (Cilium <c>models.LabelConfigurationSpec</c>), each <c>source:key[=value]</c>.</summary>
public sealed record LabelConfigurationSpec(
    [property: JsonPropertyName("user")] IReadOnlyList<string>? User = null);
