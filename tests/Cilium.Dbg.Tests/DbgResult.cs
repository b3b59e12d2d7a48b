namespace Cilium.Dbg.Tests;

/// <summary>What one run of cilium-dbg produced.</summary>
public sealed record DbgResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    public IReadOnlyList<string> ErrorLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();

    /// <summary>The table cells of a line: cilium-dbg separates columns by at least three spaces.</summary>
    public static IReadOnlyList<string> Cells(string line) =>
        System.Text.RegularExpressions.Regex.Split(line.Trim(), " {3,}");

    /// <summary>The row whose first cell is <paramref name="first"/>.</summary>
    public IReadOnlyList<string> Row(string first) =>
        Lines.Select(Cells).FirstOrDefault(c => c[0] == first)
        ?? throw new Xunit.Sdk.XunitException($"no row starting with '{first}' in:\n{Stdout}\nstderr:\n{Stderr}");

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
