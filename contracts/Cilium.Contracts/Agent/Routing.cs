using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>How pod traffic is routed (Cilium <c>models.Routing</c>).</summary>
/// <param name="IntraHostRoutingMode"><c>BPF</c> or <c>Legacy</c>.</param>
/// <param name="InterHostRoutingMode"><c>Native</c> or <c>Tunnel</c>.</param>
public sealed record Routing(
    [property: JsonPropertyName("intra-host-routing-mode")] string? IntraHostRoutingMode = null,
    [property: JsonPropertyName("inter-host-routing-mode")] string? InterHostRoutingMode = null,
    [property: JsonPropertyName("tunnel-protocol")] string? TunnelProtocol = null);
