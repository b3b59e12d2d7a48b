using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Cilium.Policy.Manifests;

/// <summary>
/// Looks into raw manifests without validating them: the kind and name of each document (to name the document a
/// problem is about) and filling a missing <c>metadata.name</c> from the path. JSON is read as YAML flow style.
/// </summary>
public static class ManifestPeek
{
    /// <summary>Kind, namespace and name of every document, best effort; empty when the text does not parse.</summary>
    public static IReadOnlyList<DocumentRef> Describe(string text)
    {
        var refs = new List<DocumentRef>();
        try
        {
            foreach (var document in Load(text).Documents)
            {
                Add(refs, document.RootNode);
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
        }
        return refs;
    }

    /// <summary>The text with <c>metadata.name</c> set to <paramref name="name"/>; null when it is not one mapping.</summary>
    public static string? WithName(string text, string name)
    {
        YamlStream stream;
        try
        {
            stream = Load(text);
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return null;
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return null;
        }
        if (!root.Children.TryGetValue(new YamlScalarNode("metadata"), out var metadataNode))
        {
            metadataNode = new YamlMappingNode();
            root.Children[new YamlScalarNode("metadata")] = metadataNode;
        }
        if (metadataNode is not YamlMappingNode metadata)
        {
            return null;
        }
        metadata.Children[new YamlScalarNode("name")] = new YamlScalarNode(name) { Style = ScalarStyle.DoubleQuoted };
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static YamlStream Load(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream;
    }

    private static void Add(List<DocumentRef> refs, YamlNode? node)
    {
        switch (node)
        {
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    Add(refs, item);
                }
                return;
            case YamlMappingNode mapping:
                var kind = Scalar(mapping, "kind");
                if (kind is not null && kind.EndsWith("List", StringComparison.Ordinal) &&
                    mapping.Children.TryGetValue(new YamlScalarNode("items"), out var items) && items is YamlSequenceNode)
                {
                    Add(refs, items);
                    return;
                }
                var metadata = mapping.Children.TryGetValue(new YamlScalarNode("metadata"), out var m) ? m as YamlMappingNode : null;
                refs.Add(new DocumentRef(refs.Count, kind, metadata is null ? null : Scalar(metadata, "namespace"), metadata is null ? null : Scalar(metadata, "name")));
                return;
            case null:
                return;
            case YamlScalarNode scalar when string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null":
                return; // an empty document, which the parser skips too
            default:
                refs.Add(new DocumentRef(refs.Count, null, null, null));
                return;
        }
    }

    private static string? Scalar(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
