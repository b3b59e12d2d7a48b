using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// A namespaced <c>cilium.io/v2</c> CiliumNetworkPolicy (<c>pkg/k8s/apis/cilium.io/v2/cnp_types.go</c>):
/// one rule in <c>spec</c> and/or several in <c>specs</c>.
/// </summary>
public sealed record CiliumNetworkPolicy
{
    public const string KindName = "CiliumNetworkPolicy";
    public const string ApiVersionName = "cilium.io/v2";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public PolicyRule? Spec { get; init; }
    [JsonPropertyName("specs")] public IReadOnlyList<PolicyRule>? Specs { get; init; }

    /// <summary>Written by Cilium, ignored on input.</summary>
    [JsonPropertyName("status")] public JsonElement? Status { get; init; }
}
