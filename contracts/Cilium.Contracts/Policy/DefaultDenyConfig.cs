using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary><c>enableDefaultDeny</c>: unset means true for a direction the rule has rules in.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record DefaultDenyConfig
{
    [JsonPropertyName("ingress")] public bool? Ingress { get; init; }
    [JsonPropertyName("egress")] public bool? Egress { get; init; }
}
