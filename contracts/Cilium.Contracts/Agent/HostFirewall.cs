using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Host firewall (Cilium <c>models.HostFirewall</c>): mode <c>Disabled</c> or <c>Enabled</c>, and the devices it covers.</summary>
public sealed record HostFirewall(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("devices")] IReadOnlyList<string>? Devices = null);
