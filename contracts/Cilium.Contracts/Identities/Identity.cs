using System.Text.Json.Serialization;

namespace Cilium.Contracts.Identities;

/// <summary>
/// A security identity in Cilium's v1 <c>Identity</c> shape (<c>api/v1/models/identity.go</c>):
/// the numeric id, its sorted security-relevant labels in <c>source:key=value</c> form, and the
/// SHA-256 of the identity key string.
/// </summary>
public sealed record Identity(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("labelsSHA256")] string LabelsSha256);
