using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Lab;

/// <summary>
/// Creates and removes the lab's namespaces and links. Every command that changes network state runs as
/// <c>ip -n &lt;lab namespace&gt; ...</c> (checked by <see cref="InLab"/>): nothing here touches the machine's own
/// namespace, and no namespace gets a default route, so no packet of the lab can leave the machine.
/// </summary>
public sealed class LabNetwork(LabLayout layout)
{
    public async Task CreateUnderlayAsync(CancellationToken ct)
    {
        var ns = layout.UnderlayNetns;
        await AddNamespaceAsync(ns, ct);
        await InLab(ns, ct, "link", "add", "br0", "type", "bridge");
        await InLab(ns, ct, "link", "set", "br0", "up");
    }

    public async Task CreateNodeAsync(LabNode node, CancellationToken ct)
    {
        await AddNamespaceAsync(node.Netns, ct);
        var ul = layout.UnderlayNetns;
        await InLab(ul, ct, "link", "add", node.UnderlayLink, "type", "veth", "peer", "name", "eth0", "netns", node.Netns);
        await InLab(ul, ct, "link", "set", node.UnderlayLink, "master", "br0", "up");
        await InLab(node.Netns, ct, "addr", "add", $"{node.Ip}/24", "dev", "eth0");
        await InLab(node.Netns, ct, "link", "set", "eth0", "up");
        // A node forwards between its pods and the underlay, like a kind node's host namespace.
        await SysctlAsync(node.Netns, "net.ipv4.ip_forward=1", ct);
        await SysctlAsync(node.Netns, "net.ipv6.conf.all.forwarding=1", ct);
    }

    public async Task AddNamespaceAsync(string ns, CancellationToken ct, bool loopbackUp = true)
    {
        EnsureLabName(ns);
        await Shell.CheckAsync("ip", ["netns", "add", ns], ct);
        if (loopbackUp)
        {
            await InLab(ns, ct, "link", "set", "lo", "up");
        }
    }

    /// <summary><c>ip -n &lt;ns&gt; args</c>, refused unless <paramref name="ns"/> is one of this lab's namespaces.</summary>
    public async Task<CommandResult> InLab(string ns, CancellationToken ct, params string[] args)
    {
        EnsureLabName(ns);
        return await Shell.CheckAsync("ip", ["-n", ns, .. args], ct);
    }

    public async Task SysctlAsync(string ns, string setting, CancellationToken ct)
    {
        EnsureLabName(ns);
        await Shell.CheckAsync("ip", ["netns", "exec", ns, "sysctl", "-qw", setting], ct);
    }

    /// <summary>This lab's namespaces that exist now (also those a crashed run left).</summary>
    public async Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken ct)
    {
        var result = await Shell.RunAsync("ip", ["netns", "list"], ct);
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')[0])
            .Where(n => n.StartsWith(layout.Prefix, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>Kills what still runs in <paramref name="ns"/> (bounded), then deletes it; its links go with it.</summary>
    public async Task DeleteNamespaceAsync(string ns, CancellationToken ct)
    {
        EnsureLabName(ns);
        var pids = await Shell.RunAsync("ip", ["netns", "pids", ns], ct);
        foreach (var pid in pids.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(pid, out var p))
            {
                await LabProcesses.KillAsync(p, null, ct);
            }
        }
        var del = await Shell.RunAsync("ip", ["netns", "del", ns], ct);
        if (!del.Ok && !del.Message.Contains("No such file", StringComparison.Ordinal))
        {
            throw new CommandFailedException($"ip netns del {ns}", del);
        }
    }

    private void EnsureLabName(string ns)
    {
        if (!ns.StartsWith(layout.Prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to touch namespace '{ns}': it is not one of lab '{layout.Name}'");
        }
    }
}
