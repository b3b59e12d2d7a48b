using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The CIDR part of an endpoint's policy per direction (Cilium <c>models.CIDRPolicy</c>).</summary>
public sealed record CidrPolicy(
    [property: JsonPropertyName("ingress")] IReadOnlyList<EndpointPolicyRule>? Ingress = null,
    [property: JsonPropertyName("egress")] IReadOnlyList<EndpointPolicyRule>? Egress = null);
