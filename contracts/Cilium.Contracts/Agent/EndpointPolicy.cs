using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The policy computed for one endpoint (Cilium <c>models.EndpointPolicy</c>).</summary>
/// <param name="Id">The endpoint's own security identity.</param>
/// <param name="PolicyEnabled">Enforcement in effect, one of <see cref="EndpointPolicyEnabled"/>.</param>
public sealed record EndpointPolicy(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("policy-revision")] long PolicyRevision = 0,
    [property: JsonPropertyName("build")] long Build = 0,
    [property: JsonPropertyName("policy-enabled")] string? PolicyEnabled = null,
    [property: JsonPropertyName("allowed-ingress-identities")] IReadOnlyList<long>? AllowedIngressIdentities = null,
    [property: JsonPropertyName("denied-ingress-identities")] IReadOnlyList<long>? DeniedIngressIdentities = null,
    [property: JsonPropertyName("allowed-egress-identities")] IReadOnlyList<long>? AllowedEgressIdentities = null,
    [property: JsonPropertyName("denied-egress-identities")] IReadOnlyList<long>? DeniedEgressIdentities = null,
    [property: JsonPropertyName("l4")] L4Policy? L4 = null,
    [property: JsonPropertyName("cidr-policy")] CidrPolicy? CidrPolicy = null);
