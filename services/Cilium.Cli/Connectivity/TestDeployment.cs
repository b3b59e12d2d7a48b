using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;
using Cilium.Cli.Lab.Pods;

namespace Cilium.Cli.Connectivity;

/// <summary>
/// The test's workloads, placed as Cilium places them: client and client2 together, echo-same-node beside them,
/// echo-other-node on another node. Echo pods run this CLI's echo server inside their namespace.
/// </summary>
public sealed class TestDeployment(LabLayout layout, LabState state, Executables executables, TextWriter output, string ns)
{
    private readonly PodManager _pods = new(layout, state, executables, TextWriter.Null);

    public async Task<TestPods> DeployAsync(bool singleNode, CancellationToken ct)
    {
        var nodes = state.Agents.Select(a => a.Node).ToList();
        var clientNode = nodes.Count > 1 ? nodes[1] : nodes[0];
        var otherNode = nodes.Count > 2 ? nodes[2] : nodes[0];
        var deploy = new List<(string Name, LabNode Node, Dictionary<string, string> Labels)>
        {
            ("client", clientNode, new() { ["kind"] = "client", ["name"] = "client" }),
            ("client2", clientNode, new() { ["kind"] = "client", ["name"] = "client2", ["other"] = "client" }),
            ("echo-same-node", clientNode, new() { ["kind"] = "echo", ["name"] = "echo-same-node" }),
        };
        if (!singleNode && otherNode != clientNode)
        {
            deploy.Add(("echo-other-node", otherNode, new() { ["kind"] = "echo", ["name"] = "echo-other-node" }));
        }
        await output.WriteLineAsync($"✨ [{state.Cluster}] Creating namespace {ns} for connectivity check...");
        var peers = new Dictionary<string, Peer>();
        foreach (var (name, node, labels) in deploy)
        {
            await output.WriteLineAsync($"✨ [{state.Cluster}] Deploying {name} pod on {node.Name}...");
            var existing = _pods.Find($"{ns}/{name}");
            if (existing is not null)
            {
                await _pods.DeleteAsync(existing, ct);
            }
            var pod = await _pods.CreateAsync(ns, name, node.Name, labels, ct);
            if (labels["kind"] == "echo")
            {
                LabProcesses.Start(layout.Name,
                    ["ip", "netns", "exec", pod.Netns, .. executables.Command("cilium"), "lab", "echo-server", "--port", "8080", "--pod-name", name],
                    Path.Combine(layout.PodsDir, $"{ns}_{name}.log"));
            }
            peers[name] = new Peer(name, $"{ns}/{name}", pod.Ipv4 ?? throw new InvalidOperationException($"pod {name} got no IPv4 address"), pod.Netns, node.Name, labels);
        }
        foreach (var echo in peers.Values.Where(p => p.Has("kind", "echo")))
        {
            await output.WriteLineAsync($"⌛ [{state.Cluster}] Waiting for pod {echo.Display} to become ready...");
            await WaitEchoAsync(echo, ct);
        }
        var nodePeers = nodes.Select(n => new Peer(n.Name, n.Name, n.Ip, n.Netns, n.Name, new Dictionary<string, string>(), IsNode: true)).ToList();
        return new TestPods(ns, peers["client"], peers["client2"], peers["echo-same-node"], peers.GetValueOrDefault("echo-other-node"), nodePeers);
    }

    public async Task DeleteAsync(CancellationToken ct)
    {
        foreach (var pod in _pods.List().Where(p => p.Namespace == ns))
        {
            await _pods.DeleteAsync(pod, ct);
        }
    }

    // Over the pod's own loopback, which no policy governs: it tells "server up" from "path allowed".
    private async Task WaitEchoAsync(Peer echo, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var result = await Shell.RunAsync("ip", ["netns", "exec", echo.Netns, .. executables.Command("cilium"), "lab", "http-get", "http://127.0.0.1:8080/", "--connect-timeout", "1s"], ct);
            if (result.Ok)
            {
                return;
            }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"echo server of {echo.Display} did not start; see {Path.Combine(layout.PodsDir, $"{ns}_{echo.Name}.log")}");
    }
}
