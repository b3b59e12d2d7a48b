using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Where an ipcache entry came from (Cilium <c>models.IPListEntryMetadata</c>).</summary>
/// <param name="Source">E.g. <c>k8s</c>, <c>kvstore</c>, <c>custom-resource</c>, <c>generated</c>.</param>
public sealed record IPListEntryMetadata(
    [property: JsonPropertyName("source")] string? Source = null,
    [property: JsonPropertyName("namespace")] string? Namespace = null,
    [property: JsonPropertyName("name")] string? Name = null);
