using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Lab.Pods;

/// <summary><c>cilium lab pod create|delete|list</c> and <c>lab exec</c>: pods are namespaces attached to their node by cilium-cni.</summary>
public sealed class PodManager(LabLayout layout, LabState state, Executables executables, TextWriter output)
{
    private readonly LabNetwork _network = new(layout);

    public LabNode ResolveNode(string? node)
    {
        var nodes = state.Agents.Select(a => a.Node).ToList();
        if (string.IsNullOrEmpty(node))
        {
            // Like kind's scheduler: pods go to workers when there are any, the least busy first.
            var candidates = nodes.Count > 1 ? nodes.Skip(1).ToList() : nodes;
            var load = List().GroupBy(p => p.Node).ToDictionary(g => g.Key, g => g.Count());
            return candidates.OrderBy(n => load.GetValueOrDefault(n.Name)).First();
        }
        return nodes.FirstOrDefault(n => n.Name == node || n.Name == $"{layout.Name}-{node}")
            ?? throw new ArgumentException($"no node '{node}' in lab '{layout.Name}'; nodes: {string.Join(", ", nodes.Select(n => n.Name))}");
    }

    public IReadOnlyList<PodRecord> List() =>
        Directory.Exists(layout.PodsDir)
            ? Directory.EnumerateFiles(layout.PodsDir, "*.json").Select(f => LabStateStore.Read<PodRecord>(f)!).OrderBy(p => p.Id, StringComparer.Ordinal).ToList()
            : [];

    public PodRecord? Find(string id) => List().FirstOrDefault(p => p.Id == id || p.Netns == id || (!id.Contains('/', StringComparison.Ordinal) && p.Name == id));

    public async Task<PodRecord> CreateAsync(string k8sNamespace, string name, string? node, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        if (Find($"{k8sNamespace}/{name}") is not null)
        {
            throw new InvalidOperationException($"pod {k8sNamespace}/{name} already exists");
        }
        var target = ResolveNode(node);
        var pod = new PodRecord(k8sNamespace, name, target.Name, layout.PodNetns(k8sNamespace, name), Guid.NewGuid().ToString("N"), null, labels, "cni", DateTimeOffset.UtcNow);
        var cni = new CniInvocation(executables);
        var useCni = await cni.IsAvailableAsync(ct);
        if (!useCni)
        {
            pod = pod with { Attachment = "direct" };
            await output.WriteLineAsync("⚠️  cilium-cni does not answer VERSION; attaching the pod without it (development fallback).");
        }
        await _network.AddNamespaceAsync(pod.Netns, ct);
        // Recorded before ADD, so a failed or interrupted ADD is still cleaned up by delete/down.
        Save(pod);
        try
        {
            string? ip;
            if (useCni)
            {
                var result = await cni.RunAsync("ADD", target, pod, state.Cluster, ct);
                if (!result.Ok)
                {
                    throw new InvalidOperationException($"cilium-cni ADD failed ({result.ExitCode}): {result.Message}");
                }
                ip = CniInvocation.Ipv4(result.StdOut);
            }
            else
            {
                ip = await new DirectAttachment(_network).AddAsync(target, pod, state.Cluster, ct);
            }
            pod = pod with { Ipv4 = ip };
            Save(pod);
            return pod;
        }
        catch
        {
            await DeleteAsync(pod, CancellationToken.None);
            throw;
        }
    }

    public async Task DeleteAsync(PodRecord pod, CancellationToken ct)
    {
        var node = state.Agents.Select(a => a.Node).FirstOrDefault(n => n.Name == pod.Node);
        if (node is not null)
        {
            if (pod.Attachment == "cni")
            {
                var result = await new CniInvocation(executables).RunAsync("DEL", node, pod, state.Cluster, ct);
                if (!result.Ok)
                {
                    await output.WriteLineAsync($"⚠️  cilium-cni DEL of {pod.Id}: {result.Message}");
                }
            }
            else
            {
                await DirectAttachment.DeleteAsync(node, pod, ct);
            }
        }
        await _network.DeleteNamespaceAsync(pod.Netns, ct);
        File.Delete(FileOf(pod));
    }

    /// <summary>Runs <paramref name="command"/> inside the pod's namespace with the lab's marker (so down finds leftovers).</summary>
    public static IReadOnlyList<string> Exec(PodRecord pod, IEnumerable<string> command) => ["ip", "netns", "exec", pod.Netns, .. command];

    private void Save(PodRecord pod) => LabStateStore.Write(FileOf(pod), pod);

    private string FileOf(PodRecord pod) => Path.Combine(layout.PodsDir, $"{pod.Namespace}_{pod.Name}.json");
}
