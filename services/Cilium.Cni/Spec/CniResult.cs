using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>The ADD result (SPEC.md, "Success"): the host and container interfaces, the pod's addresses, its routes.</summary>
public sealed record CniResult(
    [property: JsonPropertyName("cniVersion")] string CniVersion,
    [property: JsonPropertyName("interfaces")] IReadOnlyList<CniInterface> Interfaces,
    [property: JsonPropertyName("ips")] IReadOnlyList<CniIpConfig> Ips,
    [property: JsonPropertyName("routes")] IReadOnlyList<CniRoute> Routes,
    [property: JsonPropertyName("dns")] CniDns Dns);
