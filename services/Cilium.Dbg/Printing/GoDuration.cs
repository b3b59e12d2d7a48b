using System.Globalization;
using System.Text.RegularExpressions;

namespace Cilium.Dbg.Printing;

/// <summary>Reads Go's duration text (<c>1h2m3.5s</c>, <c>250ms</c>), which Cilium's models use for uptimes and intervals.</summary>
public static partial class GoDuration
{
    /// <summary>Seconds, or 0 when the text is missing or not a Go duration.</summary>
    public static double TryParseSeconds(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        var matches = Part().Matches(text);
        if (matches.Count == 0 || matches.Sum(m => m.Length) != text.Length)
        {
            return 0;
        }
        return matches.Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * m.Groups[2].Value switch
        {
            "h" => 3600,
            "m" => 60,
            "s" => 1,
            "ms" => 1e-3,
            "us" or "µs" => 1e-6,
            _ => 1e-9,
        });
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)")]
    private static partial Regex Part();
}
