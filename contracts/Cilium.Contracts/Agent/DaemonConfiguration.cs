using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Answer of <c>GET /v1/config</c> (Cilium <c>models.DaemonConfiguration</c>).</summary>
public sealed record DaemonConfiguration(
    [property: JsonPropertyName("spec")] DaemonConfigurationSpec? Spec,
    [property: JsonPropertyName("status")] DaemonConfigurationStatus? Status);
