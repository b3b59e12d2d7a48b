using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A Kubernetes <c>networking.k8s.io/v1</c> NetworkPolicy.</summary>
public sealed record NetworkPolicy
{
    public const string KindName = "NetworkPolicy";
    public const string ApiVersionName = "networking.k8s.io/v1";

    [JsonPropertyName("apiVersion")] public string? ApiVersion { get; init; }
    [JsonPropertyName("kind")] public string? Kind { get; init; }
    [JsonPropertyName("metadata")] public ObjectMeta? Metadata { get; init; }
    [JsonPropertyName("spec")] public NetworkPolicySpec? Spec { get; init; }

    /// <summary>Written by the API server, ignored on input.</summary>
    [JsonPropertyName("status")] public JsonElement? Status { get; init; }
}
