namespace Cilium.Dbg.Printing;

/// <summary>
/// Columns padded to their widest cell, three spaces apart (Go's tabwriter as cilium-dbg sets it up). A cell with
/// line breaks spreads over several lines with the other columns blank, as cilium-dbg prints one label per line.
/// </summary>
public static class Table
{
    private const string Gap = "   ";

    public static async Task WriteHeadersAsync(TextWriter output, IReadOnlyList<IReadOnlyList<string>> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(headers);
        var lines = new List<string[]>();
        lines.AddRange(headers.Select(h => h.ToArray()));
        foreach (var row in rows)
        {
            var split = row.Select(c => c.Split('\n')).ToArray();
            var height = split.Length == 0 ? 1 : split.Max(c => c.Length);
            for (var i = 0; i < height; i++)
            {
                lines.Add(split.Select(c => i < c.Length ? c[i] : "").ToArray());
            }
        }
        var columns = lines.Count == 0 ? 0 : lines.Max(l => l.Length);
        var widths = Enumerable.Range(0, columns).Select(i => lines.Max(l => i < l.Length ? l[i].Length : 0)).ToArray();
        foreach (var line in lines)
        {
            var cells = line.Select((c, i) => i == line.Length - 1 ? c : c.PadRight(widths[i]));
            await output.WriteLineAsync(string.Join(Gap, cells).TrimEnd());
        }
    }

    public static Task WriteAsync(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        WriteHeadersAsync(output, [header], rows);
}
