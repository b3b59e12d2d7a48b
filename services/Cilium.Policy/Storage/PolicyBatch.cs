using System.Text.Json.Serialization;

namespace Cilium.Policy.Storage;

/// <summary>The writes of one committed apply, all at policy revision <paramref name="Revision"/>.</summary>
public sealed record PolicyBatch(
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("writes")] IReadOnlyList<PolicyWrite> Writes);
