using System.Net;
using System.Text.RegularExpressions;

namespace Cilium.Core.Labels;

/// <summary>
/// Parses and validates labels in <c>source:key[=value]</c> form. Keys and values of Kubernetes-like
/// sources follow Kubernetes label syntax (a qualified name and a value of at most 63 characters);
/// <c>reserved:</c> keys must name a reserved identity and <c>cidr:</c> keys must be a prefix.
/// </summary>
public static partial class LabelParser
{
    private const int MaxNameLength = 63;
    private const int MaxPrefixLength = 253;

    public static Label Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new LabelException(text ?? "", "a label must not be empty");
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new LabelException(text, $"no source prefix; expected one of {string.Join(", ", LabelSources.Known.Order(StringComparer.Ordinal).Select(s => s + ":"))}");
        }
        var source = text[..colon];
        if (!LabelSources.Known.Contains(source))
        {
            throw new LabelException(text, $"unknown source '{source}'");
        }
        var rest = text[(colon + 1)..];
        var eq = rest.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? rest : rest[..eq];
        var value = eq < 0 ? "" : rest[(eq + 1)..];
        switch (source)
        {
            case LabelSources.Reserved:
                if (!ReservedIdentities.ByName.ContainsKey(key))
                {
                    throw new LabelException(text, $"'{key}' is not a reserved identity");
                }
                if (value.Length != 0)
                {
                    throw new LabelException(text, "reserved labels carry no value");
                }
                break;
            case LabelSources.Cidr:
                if (!IPNetwork.TryParse(key.Contains(':', StringComparison.Ordinal) ? key : key.Replace('-', ':'), out _) &&
                    !IPNetwork.TryParse(key, out _))
                {
                    throw new LabelException(text, $"'{key}' is not a CIDR prefix");
                }
                break;
            case LabelSources.Fqdn:
                if (key.Length == 0 || key.Any(char.IsWhiteSpace))
                {
                    throw new LabelException(text, "an fqdn key must be a DNS name or pattern");
                }
                break;
            default:
                ValidateQualifiedName(text, key);
                ValidateValue(text, value);
                break;
        }
        return new Label(source, key, value);
    }

    private static void ValidateQualifiedName(string text, string key)
    {
        if (key.Length == 0)
        {
            throw new LabelException(text, "the key must not be empty");
        }
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = key;
        if (slash >= 0)
        {
            var prefix = key[..slash];
            name = key[(slash + 1)..];
            if (prefix.Length == 0 || prefix.Length > MaxPrefixLength || !DnsSubdomain().IsMatch(prefix))
            {
                throw new LabelException(text, $"key prefix '{prefix}' must be a DNS subdomain (lower case, at most {MaxPrefixLength} characters)");
            }
        }
        if (name.Length == 0 || name.Length > MaxNameLength || !LabelName().IsMatch(name))
        {
            throw new LabelException(text, $"key name '{name}' must be 1-{MaxNameLength} characters of [A-Za-z0-9-_.], starting and ending alphanumeric");
        }
    }

    private static void ValidateValue(string text, string value)
    {
        if (value.Length > MaxNameLength || (value.Length > 0 && !LabelName().IsMatch(value)))
        {
            throw new LabelException(text, $"value '{value}' must be at most {MaxNameLength} characters of [A-Za-z0-9-_.], starting and ending alphanumeric");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();
}
