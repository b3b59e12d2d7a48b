using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The L4 part of an endpoint's policy per direction (Cilium <c>models.L4Policy</c>).</summary>
public sealed record L4Policy(
    [property: JsonPropertyName("ingress")] IReadOnlyList<EndpointPolicyRule>? Ingress = null,
    [property: JsonPropertyName("egress")] IReadOnlyList<EndpointPolicyRule>? Egress = null);
