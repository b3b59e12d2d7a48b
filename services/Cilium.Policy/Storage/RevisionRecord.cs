using System.Text.Json.Serialization;

namespace Cilium.Policy.Storage;

/// <summary>
/// The value of the <c>revision</c> key: the last fully applied policy revision and, while a batch is being written,
/// that batch. Recording the batch here with compare-and-swap is the commit point of an apply (see
/// docs/decisions/0002-policy-storage.md).
/// </summary>
public sealed record RevisionRecord(
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("pending")] PolicyBatch? Pending);
