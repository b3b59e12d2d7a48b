using System.Globalization;
using System.Text.RegularExpressions;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>
/// Leftovers of test hosts that crashed: namespaces <c>cbt-&lt;run id&gt;-*</c> and pins under
/// <c>/sys/fs/bpf/cbt-&lt;run id&gt;</c>. Before a run creates anything it claims its run id with a directory
/// <c>/sys/fs/bpf/cbt-&lt;run id&gt;/owner-&lt;pid&gt;-&lt;start time&gt;</c> (the start time guards against a reused
/// pid). <see cref="Sweep"/> removes the namespaces and pins of every run whose owner process is gone, and leaves
/// alone runs whose owner lives and runs without a claim (their owner cannot be known).
/// </summary>
internal static partial class StaleRuns
{
    public const string Prefix = "cbt-";
    private const string BpffsBase = "/sys/fs/bpf";

    private static readonly Lazy<IReadOnlyList<string>> Swept = new(Sweep);

    /// <summary>The bpffs root of a run: the claim lives in it, so removing the pins removes the claim.</summary>
    public static string BpffsRoot(string runId) => $"{BpffsBase}/{Prefix}{runId}";

    /// <summary>Records this process as the owner of <paramref name="runId"/>.</summary>
    public static void Claim(string runId) =>
        Directory.CreateDirectory(Path.Combine(BpffsRoot(runId), OwnerName(Environment.ProcessId, StartTime(Environment.ProcessId))));

    /// <summary>Sweeps once per test host; returns the run ids it removed.</summary>
    public static IReadOnlyList<string> SweepOnce() => Swept.Value;

    public static IReadOnlyList<string> Sweep()
    {
        var namespaces = Namespaces();
        var runIds = namespaces.Select(RunIdOf).OfType<string>()
            .Concat(Directory.Exists(BpffsBase) ? Directory.GetDirectories(BpffsBase, Prefix + "*").Select(d => RunIdOf(Path.GetFileName(d))).OfType<string>() : [])
            .Distinct(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var runId in runIds)
        {
            if (!IsOwnerGone(runId))
            {
                continue;
            }
            foreach (var ns in namespaces.Where(n => RunIdOf(n) == runId))
            {
                Shell.Run("ip", "netns", "del", ns);
            }
            Datapath.RemoveAllPins(BpffsRoot(runId));
            removed.Add(runId);
        }
        return removed;
    }

    /// <summary>True only when the run has a claim and the process that made it no longer exists.</summary>
    internal static bool IsOwnerGone(string runId)
    {
        var root = BpffsRoot(runId);
        if (!Directory.Exists(root))
        {
            return false;
        }
        var claims = Directory.GetDirectories(root, "owner-*").Select(d => OwnerPattern().Match(Path.GetFileName(d))).Where(m => m.Success).ToList();
        if (claims.Count == 0)
        {
            return false;
        }
        return claims.All(m =>
        {
            var pid = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var started = ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            return StartTime(pid) != started;
        });
    }

    internal static string OwnerName(int pid, ulong startTime) => string.Create(CultureInfo.InvariantCulture, $"owner-{pid}-{startTime}");

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat (clock ticks after boot), or 0 when the process does not exist.</summary>
    internal static ulong StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        // The command name (field 2) may contain spaces and parentheses: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return ulong.Parse(fields[19], CultureInfo.InvariantCulture);
    }

    private static string? RunIdOf(string name)
    {
        var m = RunIdPattern().Match(name);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static List<string> Namespaces()
    {
        var (code, output) = Shell.Run("ip", "netns", "list");
        return code != 0 ? [] : output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0]).Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
    }

    [GeneratedRegex("^cbt-([0-9a-f]{8})(-|$)")]
    private static partial Regex RunIdPattern();

    [GeneratedRegex("^owner-([0-9]+)-([0-9]+)$")]
    private static partial Regex OwnerPattern();
}
