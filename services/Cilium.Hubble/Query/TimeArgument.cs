using System.Globalization;
using System.Text.RegularExpressions;

namespace Cilium.Hubble.Query;

/// <summary>
/// <c>--since</c> / <c>--until</c> values as the hubble CLI takes them: a duration back from now (<c>5m</c>,
/// <c>1h30m</c>, <c>10s</c>, <c>250ms</c>) or an RFC 3339 time (<c>2026-01-02T15:04:05Z</c>).
/// </summary>
public static partial class TimeArgument
{
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = Duration().Match(text);
        if (match.Success)
        {
            var total = TimeSpan.Zero;
            foreach (Capture c in match.Groups["part"].Captures)
            {
                var part = PartRegex().Match(c.Value);
                var n = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
                total += part.Groups[2].Value switch
                {
                    "h" => TimeSpan.FromHours(n),
                    "m" => TimeSpan.FromMinutes(n),
                    "s" => TimeSpan.FromSeconds(n),
                    "ms" => TimeSpan.FromMilliseconds(n),
                    _ => TimeSpan.Zero,
                };
            }
            return now - total;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        throw new FormatException($"invalid time '{text}': use a duration like 5m or 1h30m, or an RFC 3339 time");
    }

    [GeneratedRegex(@"^(?<part>\d+(\.\d+)?(h|ms|m|s))+$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(h|ms|m|s)$")]
    private static partial Regex PartRegex();
}
