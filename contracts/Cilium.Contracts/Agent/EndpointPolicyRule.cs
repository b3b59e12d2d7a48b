using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// One resolved rule of an endpoint's policy (Cilium <c>models.PolicyRule</c>; renamed here because
/// <c>Cilium.Contracts.Policy.PolicyRule</c> is the CRD rule and the JSON source generator needs unique names).
/// </summary>
/// <param name="Rule">Text form of the resolved rule.</param>
/// <param name="DerivedFromRules">Labels of each rule this one came from (e.g. <c>k8s:io.cilium.k8s.policy.name=…</c>).</param>
public sealed record EndpointPolicyRule(
    [property: JsonPropertyName("rule")] string? Rule,
    [property: JsonPropertyName("derived-from-rules")] IReadOnlyList<IReadOnlyList<string>>? DerivedFromRules = null);
