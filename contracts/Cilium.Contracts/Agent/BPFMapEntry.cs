using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>One map entry in text form (Cilium <c>models.BPFMapEntry</c>).</summary>
/// <param name="DesiredAction"><c>ok</c>, <c>insert</c> or <c>delete</c> (Cilium's sync state of cached maps).</param>
public sealed record BPFMapEntry(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("desired-action")] string? DesiredAction = null,
    [property: JsonPropertyName("last-error")] string? LastError = null);
