using System.Text.Json;
using System.Text.Json.Nodes;
using Cilium.Core.Errors;
using YamlDotNet.Core;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// Splits input into manifest objects: a JSON object, a JSON array, one or more YAML documents, and Kubernetes
/// <c>List</c> objects (<c>kubectl get -o yaml</c>) expanded into their items. Empty YAML documents are skipped.
/// </summary>
internal static class ManifestReader
{
    public static List<JsonObject> Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidInputException("manifest", "no manifest given");
        }
        var roots = ParseRoots(text);
        var manifests = new List<JsonObject>();
        foreach (var root in roots)
        {
            Add(manifests, root, manifests.Count);
        }
        if (manifests.Count == 0)
        {
            throw new InvalidInputException("manifest", "no manifest given");
        }
        return manifests;
    }

    private static List<JsonNode?> ParseRoots(string text)
    {
        var first = text.TrimStart()[0];
        if (first is '{' or '[')
        {
            try
            {
                var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
                return node is JsonArray array ? [.. array.Select(n => n?.DeepClone())] : [node];
            }
            catch (JsonException)
            {
                // YAML flow style also starts with '{' or '['; YAML gives the error if it is neither.
            }
        }
        try
        {
            return YamlToJson.ReadDocuments(text);
        }
        catch (YamlException e)
        {
            throw new InvalidInputException("manifest", $"line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
    }

    private static void Add(List<JsonObject> manifests, JsonNode? node, int index)
    {
        switch (node)
        {
            case null:
                return;
            case JsonObject obj when obj["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) &&
                                     k.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items:
                foreach (var item in items)
                {
                    Add(manifests, item?.DeepClone(), manifests.Count);
                }
                return;
            case JsonObject obj:
                manifests.Add(obj);
                return;
            default:
                throw new InvalidInputException($"documents[{index}]", "a manifest must be an object with apiVersion, kind, metadata and spec");
        }
    }
}
