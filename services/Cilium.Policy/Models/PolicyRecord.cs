using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>
/// One stored policy, as the bucket holds it, as <c>GET</c> answers it and as the event data carries it: the kind,
/// namespace (absent for a clusterwide policy) and name, the cluster-wide policy <paramref name="Revision"/> of its
/// last change, and the normalised manifest (metadata namespace filled in, <c>status</c> dropped).
/// </summary>
public sealed record PolicyRecord(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("manifest")] JsonElement Manifest);
