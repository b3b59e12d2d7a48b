using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Cilium.Contracts.Json;
using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// Parses and validates policy manifests (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, Kubernetes
/// NetworkPolicy) from JSON or YAML and imports them as engine rules. Every error is an
/// <see cref="InvalidInputException"/> whose field is the path inside the manifest
/// (<c>spec.ingress[0].toPorts[0].ports[0].port</c>); with several documents the path starts with
/// <c>documents[i].</c> and the reason names the manifest.
/// </summary>
public static partial class PolicyParser
{
    public const string DefaultNamespace = "default";

    /// <summary>All documents of <paramref name="text"/>, all or nothing: the first invalid one throws.</summary>
    /// <param name="defaultNamespace">the namespace of namespaced manifests whose metadata has none (kubectl's default).</param>
    public static IReadOnlyList<PolicyDocument> Parse(string text, string defaultNamespace = DefaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(text);
        var manifests = ManifestReader.Read(text);
        var documents = new List<PolicyDocument>(manifests.Count);
        var seen = new HashSet<PolicyResourceId>();
        for (var i = 0; i < manifests.Count; i++)
        {
            PolicyDocument document;
            try
            {
                document = ParseOne(manifests[i], i, defaultNamespace);
            }
            catch (InvalidInputException e) when (manifests.Count > 1)
            {
                throw new InvalidInputException($"documents[{i}].{e.Field}", $"{Describe(manifests[i])}: {e.Reason}");
            }
            if (!seen.Add(document.Id))
            {
                throw new InvalidInputException($"documents[{i}].metadata.name", $"{document.Id} is given twice");
            }
            documents.Add(document);
        }
        return documents;
    }

    public static PolicyDocument Import(CiliumNetworkPolicy manifest, string defaultNamespace = DefaultNamespace, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        CheckApiVersion(manifest.ApiVersion, CiliumNetworkPolicy.ApiVersionName);
        var ns = Namespace(manifest.Metadata, defaultNamespace);
        var id = new PolicyResourceId(PolicyKind.CiliumNetworkPolicy, ns, Name(manifest.Metadata));
        return new PolicyDocument(index, id, manifest, CiliumRules(id, manifest.Metadata, manifest.Spec, manifest.Specs, ns));
    }

    public static PolicyDocument Import(CiliumClusterwideNetworkPolicy manifest, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        CheckApiVersion(manifest.ApiVersion, CiliumClusterwideNetworkPolicy.ApiVersionName);
        var id = new PolicyResourceId(PolicyKind.CiliumClusterwideNetworkPolicy, null, Name(manifest.Metadata));
        return new PolicyDocument(index, id, manifest, CiliumRules(id, manifest.Metadata, manifest.Spec, manifest.Specs, null));
    }

    public static PolicyDocument Import(NetworkPolicy manifest, string defaultNamespace = DefaultNamespace, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        CheckApiVersion(manifest.ApiVersion, NetworkPolicy.ApiVersionName);
        var ns = Namespace(manifest.Metadata, defaultNamespace);
        var id = new PolicyResourceId(PolicyKind.NetworkPolicy, ns, Name(manifest.Metadata));
        var annotations = manifest.Metadata?.Annotations;
        // Cilium names the rule after this annotation when present (pkg/k8s/network_policy.go).
        var ruleName = annotations is not null && (annotations.TryGetValue("policy.cilium.io/name", out var n) || annotations.TryGetValue("io.cilium.name", out n)) && !string.IsNullOrEmpty(n)
            ? n
            : id.Name;
        var origin = PolicyLabels.Origin(id, 0, ruleName, manifest.Metadata?.Uid, null, "spec");
        return new PolicyDocument(index, id, manifest, [NetworkPolicyTranslator.Translate(manifest.Spec, ns, origin)]);
    }

    private static PolicyDocument ParseOne(JsonObject node, int index, string defaultNamespace)
    {
        var kind = node["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : null;
        return kind switch
        {
            CiliumNetworkPolicy.KindName => Import(Deserialize(node, CiliumJsonContext.Default.CiliumNetworkPolicy), defaultNamespace, index),
            CiliumClusterwideNetworkPolicy.KindName => Import(Deserialize(node, CiliumJsonContext.Default.CiliumClusterwideNetworkPolicy), index),
            NetworkPolicy.KindName => Import(Deserialize(node, CiliumJsonContext.Default.NetworkPolicy), defaultNamespace, index),
            null => throw new InvalidInputException("kind", "required: CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or NetworkPolicy"),
            _ => throw new InvalidInputException("kind", $"'{kind}' is not a policy kind (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy, NetworkPolicy)"),
        };
    }

    private static T Deserialize<T>(JsonObject node, JsonTypeInfo<T> type)
    {
        try
        {
            return node.Deserialize(type) ?? throw new InvalidInputException("manifest", "must not be null");
        }
        catch (JsonException e)
        {
            var path = (e.Path ?? "$").TrimStart('$').TrimStart('.');
            var message = e.Message + " " + e.InnerException?.Message;
            var unmapped = UnmappedProperty().Match(message);
            if (unmapped.Success)
            {
                var name = unmapped.Groups[1].Value;
                var field = path.Length == 0 ? name : path.EndsWith(name, StringComparison.Ordinal) ? path : $"{path}.{name}";
                throw new InvalidInputException(field, "unknown field");
            }
            var reason = message.Contains("could not be converted to System.String", StringComparison.Ordinal)
                ? "must be a string (quote numbers and booleans in YAML)"
                : (message.Contains("System.Boolean", StringComparison.Ordinal) || message.Contains("as a boolean", StringComparison.Ordinal))
                    ? "must be true or false"
                    : (message.Contains("System.Int32", StringComparison.Ordinal) || message.Contains("as a number", StringComparison.Ordinal))
                        ? "must be an integer"
                        : message.Contains("could not be converted", StringComparison.Ordinal)
                            ? "has the wrong type (object, list or scalar)"
                            : e.Message.Split(" Path:", 2)[0];
            throw new InvalidInputException(path.Length == 0 ? "manifest" : path, reason);
        }
    }

    private static List<Rule> CiliumRules(PolicyResourceId id, ObjectMeta? metadata, PolicyRule? spec, IReadOnlyList<PolicyRule>? specs, string? ns)
    {
        if (spec is null && (specs is null || specs.Count == 0))
        {
            throw new InvalidInputException("spec", "a policy needs spec or specs with at least one rule");
        }
        var translator = new CiliumRuleTranslator(ns);
        var rules = new List<Rule>();
        if (spec is not null)
        {
            rules.Add(translator.Translate(spec, "spec", PolicyLabels.Origin(id, 0, id.Name, metadata?.Uid, spec.Labels, "spec")));
        }
        if (specs is not null)
        {
            for (var i = 0; i < specs.Count; i++)
            {
                var path = $"specs[{i}]";
                var rule = specs[i] ?? throw new InvalidInputException(path, "must not be null");
                rules.Add(translator.Translate(rule, path, PolicyLabels.Origin(id, rules.Count, id.Name, metadata?.Uid, rule.Labels, path)));
            }
        }
        return rules;
    }

    private static string Name(ObjectMeta? metadata)
    {
        var name = metadata?.Name;
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidInputException("metadata.name", "required");
        }
        if (name.Length > 253 || !DnsSubdomain().IsMatch(name))
        {
            throw new InvalidInputException("metadata.name", $"'{name}' must be a DNS subdomain: at most 253 characters of [a-z0-9-.], starting and ending alphanumeric");
        }
        return name;
    }

    private static string Namespace(ObjectMeta? metadata, string defaultNamespace)
    {
        var ns = string.IsNullOrEmpty(metadata?.Namespace) ? defaultNamespace : metadata.Namespace;
        if (ns.Length > 63 || !DnsLabel().IsMatch(ns))
        {
            throw new InvalidInputException("metadata.namespace", $"'{ns}' must be a DNS label: at most 63 characters of [a-z0-9-], starting and ending alphanumeric");
        }
        return ns;
    }

    private static void CheckApiVersion(string? apiVersion, string expected)
    {
        if (apiVersion is not null && apiVersion != expected)
        {
            throw new InvalidInputException("apiVersion", $"'{apiVersion}' is not {expected}");
        }
    }

    private static string Describe(JsonObject node)
    {
        var kind = node["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : "manifest";
        var metadata = node["metadata"] as JsonObject;
        var name = metadata?["name"] is JsonValue n && n.TryGetValue<string>(out var nn) ? nn : "?";
        var ns = metadata?["namespace"] is JsonValue v && v.TryGetValue<string>(out var vv) ? vv + "/" : "";
        return $"{kind} {ns}{name}";
    }

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped", RegexOptions.CultureInvariant)]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
