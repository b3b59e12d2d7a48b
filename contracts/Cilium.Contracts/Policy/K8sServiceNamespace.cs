using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A service named by name and namespace.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record K8sServiceNamespace
{
    [JsonPropertyName("serviceName")] public string? ServiceName { get; init; }
    [JsonPropertyName("namespace")] public string? Namespace { get; init; }
}
