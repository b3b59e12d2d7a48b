using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// Turns a wire <see cref="LabelSelector"/> into an <see cref="EndpointSelector"/>, validating keys and values with
/// the label rules. Cilium rules may prefix a key with its source (<c>k8s:app</c>); without one the key matches any
/// source (<c>api.NewESFromK8sLabelSelector</c> with the <c>any</c> source, <c>pkg/policy/api/selector.go</c>).
/// NetworkPolicy selectors get the <c>k8s</c> source and, for namespace selectors, the namespace-labels key prefix.
/// </summary>
internal static class SelectorTranslator
{
    public static EndpointSelector FromCilium(LabelSelector? selector, string path) =>
        Translate(selector, path, defaultSource: null, keyPrefix: "");

    public static EndpointSelector FromKubernetes(LabelSelector? selector, string path, string keyPrefix = "") =>
        Translate(selector, path, defaultSource: LabelSources.K8s, keyPrefix);

    private static EndpointSelector Translate(LabelSelector? selector, string path, string? defaultSource, string keyPrefix)
    {
        if (selector is null)
        {
            return EndpointSelector.Wildcard;
        }
        var requirements = new List<SelectorRequirement>();
        if (selector.MatchLabels is not null)
        {
            foreach (var (rawKey, value) in selector.MatchLabels)
            {
                var field = $"{path}.matchLabels[{rawKey}]";
                var (source, key) = SplitKey(rawKey, field, defaultSource, keyPrefix);
                Validate(source, key, value ?? "", field);
                requirements.Add(new SelectorRequirement(source, key, SelectorOperator.In, [value ?? ""]));
            }
        }
        if (selector.MatchExpressions is not null)
        {
            for (var i = 0; i < selector.MatchExpressions.Count; i++)
            {
                var field = $"{path}.matchExpressions[{i}]";
                var expression = selector.MatchExpressions[i] ?? throw new InvalidInputException(field, "must not be null");
                if (string.IsNullOrEmpty(expression.Key))
                {
                    throw new InvalidInputException($"{field}.key", "required");
                }
                var (source, key) = SplitKey(expression.Key, $"{field}.key", defaultSource, keyPrefix);
                var op = expression.Operator switch
                {
                    "In" => SelectorOperator.In,
                    "NotIn" => SelectorOperator.NotIn,
                    "Exists" => SelectorOperator.Exists,
                    "DoesNotExist" => SelectorOperator.DoesNotExist,
                    _ => throw new InvalidInputException($"{field}.operator", $"'{expression.Operator}' is not one of In, NotIn, Exists, DoesNotExist"),
                };
                var values = expression.Values ?? [];
                if (op is SelectorOperator.In or SelectorOperator.NotIn && values.Count == 0)
                {
                    throw new InvalidInputException($"{field}.values", $"must not be empty for operator {op}");
                }
                if (op is SelectorOperator.Exists or SelectorOperator.DoesNotExist && values.Count != 0)
                {
                    throw new InvalidInputException($"{field}.values", $"must be empty for operator {op}");
                }
                for (var v = 0; v < values.Count; v++)
                {
                    Validate(source, key, values[v] ?? "", $"{field}.values[{v}]");
                }
                if (values.Count == 0)
                {
                    Validate(source, key, "", $"{field}.key");
                }
                requirements.Add(new SelectorRequirement(source, key, op, values));
            }
        }
        return new EndpointSelector(requirements);
    }

    private static (string Source, string Key) SplitKey(string rawKey, string field, string? defaultSource, string keyPrefix)
    {
        if (string.IsNullOrEmpty(rawKey))
        {
            throw new InvalidInputException(field, "a selector key must not be empty");
        }
        if (defaultSource is not null)
        {
            return (defaultSource, keyPrefix + rawKey);
        }
        var colon = rawKey.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (LabelSources.Any, rawKey);
        }
        var source = rawKey[..colon];
        if (!LabelSources.Known.Contains(source))
        {
            throw new InvalidInputException(field, $"unknown label source '{source}' in key '{rawKey}'");
        }
        return (source, rawKey[(colon + 1)..]);
    }

    private static void Validate(string source, string key, string value, string field)
    {
        try
        {
            var label = LabelParser.Parse(value.Length == 0 ? $"{source}:{key}" : $"{source}:{key}={value}");
            if (label.Key != key || label.Value != value)
            {
                throw new InvalidInputException(field, $"'{key}' is not a valid selector key");
            }
        }
        catch (LabelException e)
        {
            throw new InvalidInputException(field, e.Reason);
        }
    }
}
