namespace Cilium.Dbg.Client;

/// <summary>
/// Reads the <c>name=value</c> words of a map entry's text as the agent writes them in <c>GET /v1/map/{name}</c>
/// (e.g. <c>identity=2 encryptkey=0 tunnelendpoint=0.0.0.0 flags=&lt;none&gt;</c>). Words without <c>=</c> are skipped.
/// </summary>
public sealed class MapEntryFields
{
    private readonly Dictionary<string, string> _fields;

    private MapEntryFields(Dictionary<string, string> fields) => _fields = fields;

    public static MapEntryFields Parse(string? text)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var word in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields[word[..eq]] = word[(eq + 1)..];
            }
        }
        return new MapEntryFields(fields);
    }

    public string? this[string name] => _fields.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first of <paramref name="names"/> that is present and a number, else <paramref name="fallback"/>.</summary>
    public long Number(long fallback, params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (this[name] is { } text && TryNumber(text, out var value))
            {
                return value;
            }
        }
        return fallback;
    }

    private static bool TryNumber(string text, out long value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text[2..], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out value)
            : long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out value);
}
