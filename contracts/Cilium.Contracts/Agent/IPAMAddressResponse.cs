using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>One allocated address with what the CNI plugin needs to configure it (Cilium <c>models.IPAMAddressResponse</c>).</summary>
public sealed record IPAMAddressResponse(
    [property: JsonPropertyName("ip")] string Ip,
    [property: JsonPropertyName("gateway")] string? Gateway = null,
    [property: JsonPropertyName("cidrs")] IReadOnlyList<string>? Cidrs = null,
    [property: JsonPropertyName("master-mac")] string? MasterMac = null,
    [property: JsonPropertyName("expiration-uuid")] string? ExpirationUuid = null,
    [property: JsonPropertyName("interface-number")] string? InterfaceNumber = null,
    [property: JsonPropertyName("skip-masquerade")] bool SkipMasquerade = false);
