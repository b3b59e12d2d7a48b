using System.Globalization;

namespace Cilium.Benchmarks.Support;

/// <summary>
/// CPU time (user + system) a set of processes consumed, read from <c>/proc/&lt;pid&gt;/stat</c>. On a shared machine
/// requests per second move with everybody else's load; CPU per request is what the code under test costs.
/// </summary>
public static class ProcessCpu
{
    private static readonly double TickMs = 1000.0 / 100; // USER_HZ is 100 on Linux

    public static double Milliseconds(IEnumerable<int> pids) => pids.Sum(Milliseconds);

    public static double Milliseconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Field 2 (comm) may hold spaces; the fields after its closing parenthesis are fixed.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) * TickMs;
    }

    /// <summary>The process that has <paramref name="argument"/> as one of its command-line arguments.</summary>
    public static int FindByArgument(string argument)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0').Contains(argument))
                {
                    return pid;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        throw new InvalidOperationException($"no process with argument {argument}");
    }
}
