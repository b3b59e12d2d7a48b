using System.Text.Json.Serialization;

namespace Cilium.Contracts.Cni;

/// <summary>
/// A DEL the agent could not take: one file per attachment, <c>&lt;container-id&gt;-&lt;ifname&gt;.json</c>, in
/// <c>cni-pending/</c> beside the agent's socket. The plugin writes it; the agent drains the queue when it starts, and
/// every later ADD, DEL and CHECK drains it too. Whoever drains it deletes the endpoint
/// (<c>cni-attachment-id:&lt;container-id&gt;:&lt;ifname&gt;</c>) and releases the addresses, then the file.
/// </summary>
/// <param name="Addresses">The pod's addresses as read from its interface at DEL time (the endpoint may know them too).</param>
public sealed record PendingDeletion(
    [property: JsonPropertyName("container-id")] string ContainerId,
    [property: JsonPropertyName("interface-name")] string InterfaceName,
    [property: JsonPropertyName("addresses")] IReadOnlyList<string> Addresses,
    [property: JsonPropertyName("queued-at")] DateTimeOffset QueuedAt)
{
    /// <summary>The endpoint id form the agent resolves to this attachment.</summary>
    [JsonIgnore]
    public string EndpointId => AttachmentId(ContainerId, InterfaceName);

    public static string AttachmentId(string containerId, string ifName) => $"cni-attachment-id:{containerId}:{ifName}";
}
