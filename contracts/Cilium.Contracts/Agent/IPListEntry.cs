using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>One ipcache entry, prefix -> identity (Cilium <c>models.IPListEntry</c>; <c>GET /v1/ip</c> returns an array).</summary>
/// <param name="HostIp">The node the prefix lives behind (tunnel endpoint), if remote.</param>
public sealed record IPListEntry(
    [property: JsonPropertyName("cidr")] string Cidr,
    [property: JsonPropertyName("identity")] long Identity,
    [property: JsonPropertyName("hostIP")] string? HostIp = null,
    [property: JsonPropertyName("encryptKey")] long EncryptKey = 0,
    [property: JsonPropertyName("metadata")] IPListEntryMetadata? Metadata = null);
