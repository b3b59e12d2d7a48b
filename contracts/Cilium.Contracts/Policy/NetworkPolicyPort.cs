using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>A port of a Kubernetes NetworkPolicy rule: <c>port</c> is an int or a named port, protocol defaults to TCP.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record NetworkPolicyPort
{
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }

    [JsonPropertyName("port")]
    [JsonConverter(typeof(IntOrStringConverter))]
    public string? Port { get; init; }

    [JsonPropertyName("endPort")] public int? EndPort { get; init; }
}
