using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The agent's effective configuration (Cilium <c>models.DaemonConfigurationStatus</c>, the fields this project has).</summary>
/// <param name="Immutable">Options fixed at start, name -> value text.</param>
/// <param name="DaemonConfigurationMap">Every configuration key with its typed value, as Cilium dumps it.</param>
public sealed record DaemonConfigurationStatus(
    [property: JsonPropertyName("addressing")] NodeAddressing? Addressing = null,
    [property: JsonPropertyName("realized")] DaemonConfigurationSpec? Realized = null,
    [property: JsonPropertyName("immutable")] IReadOnlyDictionary<string, string>? Immutable = null,
    [property: JsonPropertyName("daemonConfigurationMap")] IReadOnlyDictionary<string, JsonElement>? DaemonConfigurationMap = null,
    [property: JsonPropertyName("nodeMonitor")] MonitorStatus? NodeMonitor = null,
    [property: JsonPropertyName("datapathMode")] string? DatapathMode = null,
    [property: JsonPropertyName("ipam-mode")] string? IpamMode = null,
    [property: JsonPropertyName("routing-mode")] string? RoutingMode = null,
    [property: JsonPropertyName("masquerade")] bool Masquerade = false,
    [property: JsonPropertyName("deviceMTU")] long DeviceMtu = 0,
    [property: JsonPropertyName("routeMTU")] long RouteMtu = 0);
