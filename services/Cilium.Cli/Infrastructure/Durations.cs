using System.Globalization;

namespace Cilium.Cli.Infrastructure;

/// <summary>Go-style durations as cilium-cli takes them: <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1m30s</c>.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var rest = text.Trim();
        var total = TimeSpan.Zero;
        while (rest.Length > 0)
        {
            var i = 0;
            while (i < rest.Length && (char.IsDigit(rest[i]) || rest[i] == '.'))
            {
                i++;
            }
            if (i == 0 || !double.TryParse(rest[..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            rest = rest[i..];
            var unit = rest.StartsWith("ms", StringComparison.Ordinal) ? "ms" : rest.Length > 0 ? rest[..1] : "";
            if (unit is not ("ms" or "s" or "m" or "h"))
            {
                return false;
            }
            total += unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromHours(number),
            };
            rest = rest[unit.Length..];
        }
        value = total;
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration (e.g. 500ms, 10s, 2m)");

    public static string Format(TimeSpan value) =>
        value.TotalSeconds >= 1 ? $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s" : $"{(int)value.TotalMilliseconds}ms";
}
