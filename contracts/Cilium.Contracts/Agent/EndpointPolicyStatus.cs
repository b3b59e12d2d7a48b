using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Desired and realized policy of an endpoint (Cilium <c>models.EndpointPolicyStatus</c>).</summary>
/// <param name="ProxyStatistics">L7 proxy counters; passed through untyped because this project has no L7 proxy.</param>
public sealed record EndpointPolicyStatus(
    [property: JsonPropertyName("spec")] EndpointPolicy? Spec = null,
    [property: JsonPropertyName("realized")] EndpointPolicy? Realized = null,
    [property: JsonPropertyName("proxy-policy-revision")] long ProxyPolicyRevision = 0,
    [property: JsonPropertyName("proxy-statistics")] IReadOnlyList<JsonElement>? ProxyStatistics = null);
