using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Datapath switches for one endpoint (Cilium <c>models.EndpointDatapathConfiguration</c>).</summary>
/// <param name="RequireRouting">Nullable on purpose: Cilium treats an absent value as <c>true</c>.</param>
public sealed record EndpointDatapathConfiguration(
    [property: JsonPropertyName("require-arp-passthrough")] bool RequireArpPassthrough = false,
    [property: JsonPropertyName("require-egress-prog")] bool RequireEgressProg = false,
    [property: JsonPropertyName("external-ipam")] bool ExternalIpam = false,
    [property: JsonPropertyName("require-routing")] bool? RequireRouting = null,
    [property: JsonPropertyName("install-endpoint-route")] bool InstallEndpointRoute = false,
    [property: JsonPropertyName("disable-sip-verification")] bool DisableSipVerification = false);
