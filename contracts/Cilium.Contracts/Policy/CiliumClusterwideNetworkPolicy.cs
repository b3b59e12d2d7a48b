using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// A cluster-scoped <c>cilium.io/v2</c> CiliumClusterwideNetworkPolicy (<c>ccnp_types.go</c>): the same shape as
/// <see cref="CiliumNetworkPolicy"/>, without a namespace.
/// </summary>
public sealed record CiliumClusterwideNetworkPolicy
{
    public const string KindName = "CiliumClusterwideNetworkPolicy";
    public const string ApiVersionName = "cilium.io/v2";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public PolicyRule? Spec { get; init; }
    [JsonPropertyName("specs")] public IReadOnlyList<PolicyRule>? Specs { get; init; }

    /// <summary>Written by Cilium, ignored on input.</summary>
    [JsonPropertyName("status")] public JsonElement? Status { get; init; }
}
