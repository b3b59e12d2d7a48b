using System.Diagnostics;

namespace Cilium.Cni.Network;

/// <summary>
/// Runs iproute2 for the reads of CHECK and DEL (changes go through <see cref="Netlink.NetlinkSocket"/>). Work inside a
/// container's namespace runs as <c>nsenter --net=&lt;path&gt; ip ...</c>: CNI_NETNS is a path, which <c>ip -n</c> does not take.
/// </summary>
public static class IpRoute
{
    // A runtime may start the plugin with a bare environment, without /usr/sbin on PATH.
    private static readonly string[] SearchDirs = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

    /// <summary>Runs one <c>ip</c> command and returns its exit code and output (for queries such as <c>-j addr show</c>).</summary>
    public static async Task<(int ExitCode, string Output, string Error)> QueryAsync(string? netnsPath, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        await ExecAsync(netnsPath, args, cancellationToken);

    private static async Task<(int, string, string)> ExecAsync(string? netnsPath, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var ip = Find("ip", "iproute2");
        var psi = netnsPath is null ? new ProcessStartInfo(ip) : new ProcessStartInfo(Find("nsenter", "util-linux"));
        if (netnsPath is not null)
        {
            psi.ArgumentList.Add($"--net={netnsPath}");
            psi.ArgumentList.Add(ip);
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        using var process = Process.Start(psi) ?? throw new NetworkCommandException($"could not start {psi.FileName}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }

    private static string Find(string tool, string package)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(SearchDirs))
        {
            var path = Path.Combine(dir, tool);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new NetworkCommandException($"'{tool}' is not installed on this node (Debian package {package})");
    }
}
