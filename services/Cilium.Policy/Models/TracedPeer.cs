using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>How a trace end resolved: its identity (0 for labels no identity has yet) and that identity's labels.</summary>
public sealed record TracedPeer(
    [property: JsonPropertyName("identity")] long Identity,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels);
