using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Kubernetes connectivity (Cilium <c>models.K8sStatus</c>); state is one of <see cref="StatusState"/>.</summary>
public sealed record K8sStatus(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("msg")] string? Msg = null,
    [property: JsonPropertyName("k8s-api-versions")] IReadOnlyList<string>? K8sApiVersions = null);
