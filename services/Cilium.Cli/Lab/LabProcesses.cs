using System.Diagnostics;
using System.Globalization;
using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Lab;

/// <summary>
/// Starts the lab's long-running processes detached from the CLI (own session, output to a log file) and stops
/// them. Each carries <c>CILIUM_LAB=&lt;name&gt;</c> in its environment: that marker, not a process name, is how a
/// crashed lab's leftovers are found, and a pid is only ever signalled after its marker was checked.
/// </summary>
public static class LabProcesses
{
    public const string MarkerVariable = "CILIUM_LAB";

    /// <summary>Starts <paramref name="command"/> in its own session, stdout and stderr appended to <paramref name="logFile"/>.</summary>
    public static int Start(string lab, IReadOnlyList<string> command, string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        // setsid does not fork when the caller is not a group leader, so the pid we get is the pid of the program
        // that sh finally execs: the one to signal later.
        var psi = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var a in new[] { "sh", "-c", "exec \"$@\" >>\"$CILIUM_LAB_LOG\" 2>&1 </dev/null", "sh" }.Concat(command))
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment[MarkerVariable] = lab;
        psi.Environment["CILIUM_LAB_LOG"] = logFile;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_gcServer"] = "0";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{command[0]} did not start");
        return process.Id;
    }

    /// <summary>True when <paramref name="pid"/> runs and carries the marker of <paramref name="lab"/>.</summary>
    public static bool BelongsTo(int pid, string lab)
    {
        try
        {
            var environ = File.ReadAllText($"/proc/{pid}/environ");
            return environ.Split('\0').Contains($"{MarkerVariable}={lab}");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>What a pid runs, for messages: the executable of a <c>dotnet x.dll</c> (hubble-relay, cilium-agent) or the program.</summary>
    public static string Describe(int pid)
    {
        try
        {
            var args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            var dll = args.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal));
            return dll is not null ? Path.GetFileNameWithoutExtension(dll) : args.Length > 0 ? Path.GetFileName(args[0]) : "?";
        }
        catch (IOException)
        {
            return "?";
        }
        catch (UnauthorizedAccessException)
        {
            return "?";
        }
    }

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !IsZombie(pid);

    /// <summary>Every live process marked with <paramref name="lab"/>.</summary>
    public static IReadOnlyList<int> FindAll(string lab) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && BelongsTo(pid, lab) && !IsZombie(pid))
            .ToList();

    /// <summary>SIGTERM, up to 5 s of grace, then SIGKILL. With <paramref name="lab"/>, only if the pid carries its marker.</summary>
    public static async Task KillAsync(int pid, string? lab, CancellationToken ct, bool force = false)
    {
        if (!IsAlive(pid) || (lab is not null && !BelongsTo(pid, lab)))
        {
            return;
        }
        var id = pid.ToString(CultureInfo.InvariantCulture);
        await Shell.RunAsync("kill", [force ? "-KILL" : "-TERM", id], ct);
        for (var i = 0; i < 50 && IsAlive(pid); i++)
        {
            await Task.Delay(100, ct);
        }
        if (IsAlive(pid))
        {
            await Shell.RunAsync("kill", ["-KILL", id], ct);
            for (var i = 0; i < 50 && IsAlive(pid); i++)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
