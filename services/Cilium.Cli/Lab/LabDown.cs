namespace Cilium.Cli.Lab;

/// <summary>
/// <c>cilium lab down [--force]</c>: stops every process of the lab, deletes its namespaces (their links, veths and
/// tc programs go with them), its bpffs directories and its directory (sockets, state, logs). Without lab.json it
/// needs <c>--force</c>, and then finds leftovers by the lab's name and process marker alone.
/// </summary>
public sealed class LabDown(LabLayout layout, TextWriter output)
{
    public async Task<bool> RunAsync(bool force, CancellationToken ct)
    {
        var state = LabStateStore.Load(layout);
        if (state is null && !force)
        {
            var leftovers = await new LabNetwork(layout).ListNamespacesAsync(ct);
            if (leftovers.Count == 0 && LabProcesses.FindAll(layout.Name).Count == 0 && !Directory.Exists(layout.Dir))
            {
                await output.WriteLineAsync($"Lab \"{layout.Name}\" is not running; nothing to do.");
                return true;
            }
            await output.WriteLineAsync($"Lab \"{layout.Name}\" has no lab.json; cleaning up its leftovers.");
        }
        await output.WriteLineAsync($"Deleting lab \"{layout.Name}\" ...");
        // Agents first, so nothing re-creates routes or pins while the rest goes away.
        if (state is not null)
        {
            await Task.WhenAll(state.Agents.Select(a => LabProcesses.KillAsync(a.Pid, layout.Name, ct)));
            await Task.WhenAll(state.Services.Select(s => LabProcesses.KillAsync(s.Pid, layout.Name, ct)));
        }
        // Whatever carries the lab's marker: workloads in pods, processes of a crashed run.
        for (var round = 0; round < 3; round++)
        {
            var marked = LabProcesses.FindAll(layout.Name);
            if (marked.Count == 0)
            {
                break;
            }
            await Task.WhenAll(marked.Select(pid => LabProcesses.KillAsync(pid, layout.Name, ct, force: round > 0)));
        }
        var network = new LabNetwork(layout);
        var namespaces = await network.ListNamespacesAsync(ct);
        // Pods before nodes before the underlay: a pod's veth peer lives in its node.
        foreach (var ns in namespaces.OrderBy(n => n == layout.UnderlayNetns ? 2 : IsNode(n) ? 1 : 0))
        {
            await network.DeleteNamespaceAsync(ns, ct);
        }
        foreach (var dir in BpffsDirs())
        {
            RemoveTree(dir);
        }
        if (Directory.Exists(layout.Dir))
        {
            Directory.Delete(layout.Dir, recursive: true);
        }
        var left = await LeftoversAsync(ct);
        if (left.Count > 0)
        {
            await output.WriteLineAsync("❌ Left behind: " + string.Join(", ", left));
            return false;
        }
        await output.WriteLineAsync($"✅ Lab \"{layout.Name}\" deleted ({namespaces.Count} namespaces).");
        return true;
    }

    /// <summary>Everything of this lab that still exists: namespaces, bpffs dirs, the lab dir, marked processes (hubble-relay included).</summary>
    public async Task<IReadOnlyList<string>> LeftoversAsync(CancellationToken ct)
    {
        var left = new List<string>();
        left.AddRange((await new LabNetwork(layout).ListNamespacesAsync(ct)).Select(n => $"netns {n}"));
        left.AddRange(BpffsDirs().Select(d => $"bpffs {d}"));
        if (Directory.Exists(layout.Dir))
        {
            left.Add($"dir {layout.Dir}");
        }
        left.AddRange(LabProcesses.FindAll(layout.Name).Select(p => $"pid {p} ({LabProcesses.Describe(p)})"));
        return left;
    }

    private bool IsNode(string ns) => Enumerable.Range(0, LabLayout.MaxNodes).Any(i => layout.Node(i).Netns == ns);

    private IEnumerable<string> BpffsDirs()
    {
        var parent = Path.GetDirectoryName(layout.BpffsPrefix)!;
        if (!Directory.Exists(parent))
        {
            return [];
        }
        return Directory.EnumerateDirectories(parent, Path.GetFileName(layout.BpffsPrefix) + "*").ToList();
    }

    // bpffs allows unlinking pins and removing empty directories, which is all Directory.Delete does.
    private static void RemoveTree(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
