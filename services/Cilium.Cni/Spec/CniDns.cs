using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>DNS settings of the result; the plugin has none to give (the runtime's own resolv.conf applies).</summary>
public sealed record CniDns(
    [property: JsonPropertyName("nameservers")] IReadOnlyList<string>? Nameservers = null,
    [property: JsonPropertyName("domain")] string? Domain = null,
    [property: JsonPropertyName("search")] IReadOnlyList<string>? Search = null,
    [property: JsonPropertyName("options")] IReadOnlyList<string>? Options = null);
