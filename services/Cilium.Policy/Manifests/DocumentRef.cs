using System.Text.Json.Serialization;

namespace Cilium.Policy.Manifests;

/// <summary>Which document of a request a problem is about: its index and, as far as it could be read, kind and name.</summary>
public sealed record DocumentRef(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name)
{
    public override string ToString() =>
        $"documents[{Index}] ({Kind ?? "manifest"} {(Namespace is null ? "" : Namespace + "/")}{Name ?? "?"})";
}
