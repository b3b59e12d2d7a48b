namespace Cilium.Hubble.Cli.Printing;

/// <summary>Columns padded to their widest cell, three spaces apart, like Go's tabwriter in hubble.</summary>
public static class Table
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<string> header, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        var all = new List<string[]> { header.ToArray() };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(i => all.Max(r => i < r.Length ? r[i].Length : 0)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((c, i) => i == row.Length - 1 ? c : c.PadRight(widths[i]));
            await output.WriteLineAsync(string.Join("   ", cells).TrimEnd());
        }
    }
}
