using System.Diagnostics;

namespace Cilium.Lab.Tests;

/// <summary>Looks, independently of the CLI, for anything of a lab that still exists on the machine.</summary>
public static class LabLeftovers
{
    /// <param name="tcpPorts">Ports of 127.0.0.1 the lab listened on (the relay's): nothing may listen there any more.</param>
    public static IReadOnlyList<string> Find(string lab, IEnumerable<int>? tcpPorts = null)
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
        var ports = (tcpPorts ?? []).Select(p => $"127.0.0.1:{p}").ToHashSet(StringComparer.Ordinal);
        left.AddRange(Lines("ss", "-Hltn").Where(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 3 } f && ports.Contains(f[3])).Select(l => "tcp listener " + l));
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
