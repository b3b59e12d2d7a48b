using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Lab.Pods;

/// <summary><c>cilium lab pod create|delete|list</c> and <c>lab exec</c>: pods are namespaces attached to their node by cilium-cni.</summary>
public sealed class PodManager(LabLayout layout, LabState state, Executables executables, TextWriter output)
{
    private readonly LabNetwork _network = new(layout);
    private readonly Lock _probeGate = new();
    private Task<bool>? _cniAvailable;

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
        var useCni = await IsCniAvailableAsync(cni, ct);
        if (!useCni)
        {
            pod = pod with { Attachment = "direct" };
        }
        // The plugin brings the pod's loopback up with its interface; the fallback does not.
        await _network.AddNamespaceAsync(pod.Netns, ct, loopbackUp: !useCni);
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

    /// <summary>
    /// Creates <paramref name="count"/> pods <c>name-0</c> .. <c>name-(count-1)</c>, up to <paramref name="parallel"/> at
    /// a time, as a runtime starts the pods of a rollout concurrently; without a node they are spread over the workers,
    /// the least busy first. Each pod reports through <paramref name="created"/> as it is done; a failed pod is cleaned
    /// up and reported, the others go on. Returns the failures.
    /// </summary>
    public async Task<IReadOnlyList<(string Name, Exception Error)>> CreateManyAsync(
        string k8sNamespace, string name, int count, string? node, IReadOnlyDictionary<string, string> labels, int parallel,
        Func<PodRecord, Task> created, CancellationToken ct)
    {
        var names = Enumerable.Range(0, count).Select(i => $"{name}-{i}").ToList();
        var existing = names.Where(n => Find($"{k8sNamespace}/{n}") is not null).ToList();
        if (existing.Count > 0)
        {
            throw new InvalidOperationException($"pod {k8sNamespace}/{existing[0]} already exists");
        }
        var targets = Schedule(node, count);
        var failures = new List<(string, Exception)>();
        using var gate = new SemaphoreSlim(Math.Max(1, parallel));
        await Task.WhenAll(names.Select(async (podName, i) =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var pod = await CreateAsync(k8sNamespace, podName, targets[i].Name, labels, ct);
                await created(pod);
            }
            catch (Exception e) when (e is InvalidOperationException or CommandFailedException or IOException or HttpRequestException or TimeoutException)
            {
                lock (failures)
                {
                    failures.Add((podName, e));
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        return failures;
    }

    /// <summary>The node of each of <paramref name="count"/> new pods: the one asked for, else the least busy worker each time.</summary>
    private IReadOnlyList<LabNode> Schedule(string? node, int count)
    {
        if (!string.IsNullOrEmpty(node))
        {
            var target = ResolveNode(node);
            return Enumerable.Repeat(target, count).ToList();
        }
        var nodes = state.Agents.Select(a => a.Node).ToList();
        var candidates = nodes.Count > 1 ? nodes.Skip(1).ToList() : nodes;
        var existing = List().GroupBy(p => p.Node).ToDictionary(g => g.Key, g => g.Count());
        var load = candidates.ToDictionary(n => n.Name, n => existing.GetValueOrDefault(n.Name));
        var targets = new List<LabNode>(count);
        for (var i = 0; i < count; i++)
        {
            var next = candidates.OrderBy(n => load[n.Name]).First();
            load[next.Name]++;
            targets.Add(next);
        }
        return targets;
    }

    /// <summary>Asked once per CLI process: a batch of pods needs one answer, not one plugin start per pod.</summary>
    private Task<bool> IsCniAvailableAsync(CniInvocation cni, CancellationToken ct)
    {
        lock (_probeGate)
        {
            return _cniAvailable ??= ProbeAsync();
        }

        async Task<bool> ProbeAsync()
        {
            var available = await cni.IsAvailableAsync(ct);
            if (!available)
            {
                await output.WriteLineAsync("⚠️  cilium-cni does not answer VERSION; attaching pods without it (development fallback).");
            }
            return available;
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
