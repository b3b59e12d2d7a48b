using System.Text.Json.Serialization;
using Cilium.Policy.Models;

namespace Cilium.Policy.Storage;

/// <summary>
/// One key of a batch: the bucket revision the key had when the batch was prepared (0 = absent) and its new value
/// (null = delete). Applying it is a compare-and-swap against <paramref name="Expected"/>, so applying a batch twice
/// (a replica finishing the batch of one that crashed) writes each key once.
/// </summary>
public sealed record PolicyWrite(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("expected")] ulong Expected,
    [property: JsonPropertyName("value")] PolicyRecord? Value);
