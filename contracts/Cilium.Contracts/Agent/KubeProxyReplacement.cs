using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Kube-proxy replacement mode (Cilium <c>models.KubeProxyReplacement</c>, <c>mode</c> only): <c>True</c> or <c>False</c>.</summary>
public sealed record KubeProxyReplacement(
    [property: JsonPropertyName("mode")] string Mode);
