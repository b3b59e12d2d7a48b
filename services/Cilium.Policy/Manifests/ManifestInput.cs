using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cilium.Contracts.Json;
using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;

namespace Cilium.Policy.Manifests;

/// <summary>
/// Turns a request body into validated, normalised manifests with the engine's parser, all or nothing, and turns the
/// parser's error into a <see cref="ManifestProblem"/> that names the document, the field path and the reason.
/// </summary>
public static partial class ManifestInput
{
    /// <summary>Parses every document of <paramref name="text"/>; with a <paramref name="path"/>, exactly one that agrees with it.</summary>
    public static bool TryParse(
        string text,
        PolicyPath? path,
        [NotNullWhen(true)] out IReadOnlyList<ParsedManifest>? manifests,
        [NotNullWhen(false)] out ManifestProblem? problem)
    {
        manifests = null;
        problem = null;
        IReadOnlyList<PolicyDocument> documents;
        try
        {
            documents = PolicyParser.Parse(text, path?.Namespace ?? PolicyParser.DefaultNamespace);
        }
        catch (InvalidInputException e) when (path is not null && e.Field == "metadata.name" && e.Reason == "required" &&
                                              ManifestPeek.WithName(text, path.Name) is { } named)
        {
            // kubectl-style convenience: a manifest PUT to a named path may leave the name out.
            return TryParse(named, path, out manifests, out problem);
        }
        catch (InvalidInputException e)
        {
            problem = Describe(text, e);
            return false;
        }
        catch (InvalidOperationException e) when (e.Source == "YamlDotNet")
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some input cut off mid-value (e.g. an
            // unclosed flow collection at the end); it is still malformed input, not a server fault.
            problem = new ManifestProblem(400, new DocumentRef(0, null, null, null), "manifest", "manifest", "the YAML ends inside an unclosed value (flow sequence, mapping or quoted scalar)");
            return false;
        }
        if (path is not null && (problem = CheckPath(documents, path)) is not null)
        {
            return false;
        }
        manifests = documents.Select(d => new ParsedManifest(d, Normalize(d))).ToArray();
        return true;
    }

    private static ManifestProblem? CheckPath(IReadOnlyList<PolicyDocument> documents, PolicyPath path)
    {
        if (documents.Count != 1)
        {
            return new ManifestProblem(400, new DocumentRef(1, null, null, null), "manifest", "manifest",
                $"this path takes exactly one manifest, the body has {documents.Count}; POST several to /v1/policies");
        }
        var id = documents[0].Id;
        var document = new DocumentRef(0, id.Kind.ToString(), id.Namespace, id.Name);
        if (id.Kind != path.Kind)
        {
            return new ManifestProblem(400, document, "kind", "kind", $"'{id.Kind}' sent to the path of {path.Kind}");
        }
        if (id.Namespace != path.Namespace)
        {
            return new ManifestProblem(400, document, "metadata.namespace", "metadata.namespace", $"'{id.Namespace}' does not match namespace '{path.Namespace}' of the path");
        }
        if (id.Name != path.Name)
        {
            return new ManifestProblem(400, document, "metadata.name", "metadata.name", $"'{id.Name}' does not match name '{path.Name}' of the path");
        }
        return null;
    }

    /// <summary>
    /// The manifest as stored: namespace filled in, <c>apiVersion</c> defaulted, <c>status</c> dropped, serialised by the
    /// contract types, so equal policies always have equal text.
    /// </summary>
    public static JsonElement Normalize(PolicyDocument document) => document.Manifest switch
    {
        CiliumNetworkPolicy m => JsonSerializer.SerializeToElement(
            m with { ApiVersion = CiliumNetworkPolicy.ApiVersionName, Metadata = (m.Metadata ?? new ObjectMeta()) with { Namespace = document.Id.Namespace }, Status = null },
            CiliumJsonContext.Default.CiliumNetworkPolicy),
        CiliumClusterwideNetworkPolicy m => JsonSerializer.SerializeToElement(
            m with { ApiVersion = CiliumClusterwideNetworkPolicy.ApiVersionName, Metadata = (m.Metadata ?? new ObjectMeta()) with { Namespace = null }, Status = null },
            CiliumJsonContext.Default.CiliumClusterwideNetworkPolicy),
        NetworkPolicy m => JsonSerializer.SerializeToElement(
            m with { ApiVersion = NetworkPolicy.ApiVersionName, Metadata = (m.Metadata ?? new ObjectMeta()) with { Namespace = document.Id.Namespace }, Status = null },
            CiliumJsonContext.Default.NetworkPolicy),
        _ => throw new InvalidOperationException($"unexpected manifest type {document.Manifest.GetType()}"),
    };

    private static ManifestProblem Describe(string text, InvalidInputException e)
    {
        var refs = ManifestPeek.Describe(text);
        var field = e.Field;
        var reason = e.Reason;
        var index = 0;
        var prefixed = DocumentField().Match(field);
        if (prefixed.Success)
        {
            index = int.Parse(prefixed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            field = prefixed.Groups[2].Success ? prefixed.Groups[2].Value : "manifest";
        }
        var document = index < refs.Count ? refs[index] with { Index = index } : new DocumentRef(index, null, null, null);
        // With several documents the parser starts the reason with "<kind> <ns/name>: "; the document is named apart.
        var describe = $"{document.Kind ?? "manifest"} {(document.Namespace is null ? "" : document.Namespace + "/")}{document.Name ?? "?"}: ";
        if (prefixed.Success && reason.StartsWith(describe, StringComparison.Ordinal))
        {
            reason = reason[describe.Length..];
        }
        var malformed = field == "manifest";
        return new ManifestProblem(malformed ? 400 : 422, document, field, e.Field, reason);
    }

    [GeneratedRegex(@"^documents\[(\d+)\](?:\.(.+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentField();
}
