using System.Text.RegularExpressions;

namespace Cilium.Endpoint.Validation;

/// <summary>Kubernetes name rules (apimachinery <c>validation</c>): what a namespace, pod, node, port or label may be called.</summary>
public static partial class K8sNames
{
    /// <summary>RFC 1123 label: namespaces.</summary>
    public static bool IsDnsLabel(string? s) => s is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(s);

    /// <summary>RFC 1123 subdomain: pod and node names.</summary>
    public static bool IsDnsSubdomain(string? s) => s is { Length: > 0 and <= 253 } && DnsSubdomain().IsMatch(s);

    /// <summary>IANA service name: container port names (at most 15, a letter somewhere, no "--").</summary>
    public static bool IsPortName(string? s) =>
        s is { Length: > 0 and <= 15 } && PortName().IsMatch(s) && s.Any(char.IsAsciiLetter) && !s.Contains("--", StringComparison.Ordinal);

    /// <summary>Label key: optional DNS-subdomain prefix and '/', then a name of at most 63.</summary>
    public static bool IsLabelKey(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return false;
        }
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? s : s[(slash + 1)..];
        return (slash < 0 || IsDnsSubdomain(s[..slash])) && IsLabelValue(name) && name.Length > 0;
    }

    /// <summary>Label value: empty, or at most 63 of <c>[-_.A-Za-z0-9]</c> starting and ending alphanumeric.</summary>
    public static bool IsLabelValue(string? s) => s is not null && (s.Length == 0 || (s.Length <= 63 && LabelValue().IsMatch(s)));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex PortName();

    [GeneratedRegex("^[A-Za-z0-9]([-_.A-Za-z0-9]*[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
