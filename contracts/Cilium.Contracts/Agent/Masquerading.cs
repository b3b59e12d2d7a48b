using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Source NAT of pod traffic leaving the node (Cilium <c>models.Masquerading</c>, main fields); mode <c>BPF</c> or <c>iptables</c>.</summary>
public sealed record Masquerading(
    [property: JsonPropertyName("enabled")] bool Enabled,
    [property: JsonPropertyName("mode")] string? Mode = null,
    [property: JsonPropertyName("snat-exclusion-cidr-v4")] string? SnatExclusionCidrV4 = null);
