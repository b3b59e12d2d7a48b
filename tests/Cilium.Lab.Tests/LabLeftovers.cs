using System.Diagnostics;

namespace Cilium.Lab.Tests;

/// <summary>Looks, independently of the CLI, for anything of a lab that still exists on the machine.</summary>
public static class LabLeftovers
{
    public static IReadOnlyList<string> Find(string lab)
    {
        var left = new List<string>();
        left.AddRange(Lines("ip", "netns", "list").Where(l => l.StartsWith(lab + "-", StringComparison.Ordinal)).Select(l => "netns " + l));
        left.AddRange(Lines("ip", "-o", "link", "show").Where(l => l.Contains(lab, StringComparison.Ordinal)).Select(l => "link " + l));
        left.AddRange(Directory.EnumerateFileSystemEntries("/sys/fs/bpf").Where(p => Path.GetFileName(p).Contains(lab, StringComparison.Ordinal)).Select(p => "bpffs " + p));
        var dir = Path.Combine(Path.GetTempPath(), $"cilium-lab-{lab}");
        if (Directory.Exists(dir))
        {
            left.Add("dir " + dir);
        }
        left.AddRange(Lines("ss", "-xlp").Where(l => l.Contains(lab, StringComparison.Ordinal)).Select(l => "socket " + l));
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(proc, "environ")).Split('\0').Contains($"CILIUM_LAB={lab}")
                    && !File.ReadAllText(Path.Combine(proc, "stat")).Contains(") Z ", StringComparison.Ordinal))
                {
                    left.Add("process " + Path.GetFileName(proc));
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return left;
    }

    private static IEnumerable<string> Lines(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
