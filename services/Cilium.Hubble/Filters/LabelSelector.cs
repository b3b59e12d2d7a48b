namespace Cilium.Hubble.Filters;

/// <summary>
/// A Kubernetes-style label selector over Cilium labels (<c>source:key=value</c>), as Hubble's label filter:
/// <c>app=x,tier!=db</c>, <c>env in (a,b)</c>, <c>!key</c>, <c>key</c>. A key without a source matches any source;
/// <c>k8s:app</c> matches only <c>k8s</c> labels. All requirements must hold.
/// </summary>
public sealed class LabelSelector
{
    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }
        if (requirements.Count == 0)
        {
            throw new FilterException($"label selector '{text}' is empty");
        }
        return new LabelSelector(requirements);
    }

    public bool Matches(IEnumerable<string> labels)
    {
        var parsed = labels.Select(ParseLabel).ToList();
        foreach (var r in _requirements)
        {
            if (!r.Holds(parsed))
            {
                return false;
            }
        }
        return true;
    }

    private static (string Source, string Key, string Value) ParseLabel(string label)
    {
        var eq = label.IndexOf('=', StringComparison.Ordinal);
        var keyPart = eq < 0 ? label : label[..eq];
        var value = eq < 0 ? "" : label[(eq + 1)..];
        var colon = keyPart.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("", keyPart, value) : (keyPart[..colon], keyPart[(colon + 1)..], value);
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static Requirement ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw new FilterException($"label selector '{whole}' has an empty requirement");
        }
        if (part.StartsWith('!'))
        {
            return new Requirement(Key(part[1..]), Op.NotExists, []);
        }
        foreach (var (token, op) in new[] { (" notin ", Op.NotIn), (" in ", Op.In) })
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                var set = part[(at + token.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw new FilterException($"label selector '{whole}': values of '{part}' must be in parentheses");
                }
                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                return new Requirement(Key(part[..at]), op, values);
            }
        }
        foreach (var (token, op) in new[] { ("!=", Op.NotEquals), ("==", Op.Equals), ("=", Op.Equals) })
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                return new Requirement(Key(part[..at]), op, [part[(at + token.Length)..].Trim()]);
            }
        }
        return new Requirement(Key(part), Op.Exists, []);
    }

    private static (string Source, string Key) Key(string text)
    {
        text = text.Trim();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? ("", text) : (text[..colon], text[(colon + 1)..]);
    }

    private enum Op
    {
        Exists,
        NotExists,
        Equals,
        NotEquals,
        In,
        NotIn,
    }

    private sealed record Requirement((string Source, string Key) Key, Op Op, IReadOnlyList<string> Values)
    {
        public bool Holds(List<(string Source, string Key, string Value)> labels)
        {
            string? found = null;
            foreach (var l in labels)
            {
                if (l.Key == Key.Key && (Key.Source.Length == 0 || Key.Source == "any" || l.Source == Key.Source))
                {
                    found = l.Value;
                    if (Op is Op.Exists or Op.NotExists || Values.Contains(l.Value))
                    {
                        break;
                    }
                }
            }
            return Op switch
            {
                Op.Exists => found is not null,
                Op.NotExists => found is null,
                Op.Equals or Op.In => found is not null && Values.Contains(found),
                Op.NotEquals or Op.NotIn => found is null || !Values.Contains(found),
                _ => false,
            };
        }
    }
}
