using System.Globalization;
using Cilium.Cli.Infrastructure;

namespace Cilium.Cli.Lab;

/// <summary>
/// <c>cilium lab up</c>: the node namespaces and underlay, then NATS, the services and one agent per node, each
/// waited for. <c>lab.json</c> is written as parts come up, so a failure half-way can be torn down like a full lab.
/// </summary>
public sealed class LabUp(LabLayout layout, Executables executables, TextWriter output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public async Task<LabState> RunAsync(int nodes, CancellationToken ct)
    {
        if (nodes is < 1 or > LabLayout.MaxNodes)
        {
            throw new LabConflictException($"a lab has 1..{LabLayout.MaxNodes} nodes, not {nodes}");
        }
        if (LabStateStore.Load(layout) is { } existing)
        {
            if (existing.Agents.Count == nodes && LabHealth.AllAlive(existing))
            {
                await output.WriteLineAsync($"✅ Lab \"{layout.Name}\" is already up ({existing.Agents.Count} nodes).");
                return existing;
            }
            throw new LabConflictException($"lab '{layout.Name}' exists but is not healthy or has another size; remove it first: cilium lab down --name {layout.Name} --force");
        }
        var network = new LabNetwork(layout);
        if ((await network.ListNamespacesAsync(ct)).Count > 0 || LabProcesses.FindAll(layout.Name).Count > 0)
        {
            throw new LabConflictException($"leftovers of lab '{layout.Name}' exist; remove them first: cilium lab down --name {layout.Name} --force");
        }
        // Fail before creating anything when a part is not built.
        foreach (var exe in new[] { "cilium-identity", "cilium-endpoint", "cilium-policy", "cilium-agent" })
        {
            if (executables.FindDll(exe) is null)
            {
                throw new LabConflictException($"{exe} is not built; run scripts/build.sh (or set {Executables.BinDirVariable})");
            }
        }
        if (executables.FindDll("cilium-cni") is null)
        {
            await output.WriteLineAsync("⚠️  cilium-cni is not built: pods will be attached by the CLI's development fallback.");
        }
        Directory.CreateDirectory(layout.Dir);
        Directory.CreateDirectory(layout.PodsDir);
        var state = new LabState(layout.Name, layout.Dir, "default", "", [], [], DateTimeOffset.UtcNow);
        LabStateStore.Save(layout, state);

        var labNodes = Enumerable.Range(0, nodes).Select(layout.Node).ToList();
        await output.WriteLineAsync($"Creating lab \"{layout.Name}\" ...");
        await output.WriteLineAsync(" ✓ Preparing nodes " + string.Join(" ", labNodes.Select(_ => "📦")));
        await network.CreateUnderlayAsync(ct);
        foreach (var node in labNodes)
        {
            await network.CreateNodeAsync(node, ct);
        }

        var natsPort = FreeTcpPort.Next();
        var natsUrl = $"nats://127.0.0.1:{natsPort}";
        var monitorPort = FreeTcpPort.Next();
        var natsLog = Path.Combine(layout.Dir, "nats-server.log");
        var natsPid = LabProcesses.Start(layout.Name,
            ["nats-server", "-js", "-a", "127.0.0.1", "-p", Text(natsPort), "-m", Text(monitorPort), "-sd", Path.Combine(layout.Dir, "nats"), "-n", $"cilium-lab-{layout.Name}"],
            natsLog);
        var nats = new LabService("nats-server", natsUrl, $"http://127.0.0.1:{monitorPort}/healthz", natsPid, natsLog);
        state = state with { NatsUrl = natsUrl, Services = [nats] };
        LabStateStore.Save(layout, state);
        await LabReadiness.WaitHttpAsync("nats-server", nats.ReadyUrl, natsPid, natsLog, ReadyTimeout, ct);
        await output.WriteLineAsync($" ✓ Starting NATS JetStream ({natsUrl}) 🛰");

        var services = new List<LabService> { nats };
        foreach (var name in new[] { "cilium-identity", "cilium-endpoint", "cilium-policy" })
        {
            var url = $"http://127.0.0.1:{FreeTcpPort.Next()}";
            var log = Path.Combine(layout.Dir, name + ".log");
            var pid = LabProcesses.Start(layout.Name, [.. executables.Command(name), "--urls", url, $"--Nats:Url={natsUrl}", $"--Cluster:Name={state.Cluster}"], log);
            services.Add(new LabService(name, url, url + "/readyz", pid, log));
            state = state with { Services = [.. services] };
            LabStateStore.Save(layout, state);
        }
        foreach (var s in services.Skip(1))
        {
            await LabReadiness.WaitHttpAsync(s.Name, s.ReadyUrl, s.Pid, s.LogFile, ReadyTimeout, ct);
        }
        await output.WriteLineAsync(" ✓ Starting control plane (cilium-identity, cilium-endpoint, cilium-policy) 🕹️");

        var agents = new List<LabAgent>();
        foreach (var node in labNodes)
        {
            agents.Add(new LabAgent(node, StartAgent(node, state with { Services = [.. services] })));
            state = state with { Agents = [.. agents] };
            LabStateStore.Save(layout, state);
        }
        await Task.WhenAll(agents.Select(a => LabReadiness.WaitAgentAsync(a.Node, a.Pid, ReadyTimeout, ct)));
        await output.WriteLineAsync($" ✓ Starting cilium-agent on {nodes} nodes, CNI configuration written 🔌");
        return state;
    }

    /// <summary>Starts (or restarts) a node's agent; its datapath lives in the node's namespace.</summary>
    public int StartAgent(LabNode node, LabState state)
    {
        Directory.CreateDirectory(node.StateDir);
        var pid = LabProcesses.Start(layout.Name,
        [
            .. executables.Command("cilium-agent"),
            $"--Nats:Url={state.NatsUrl}",
            $"--Cluster:Name={state.Cluster}",
            $"--Agent:NodeName={node.Name}",
            $"--Agent:SocketPath={node.Socket}",
            $"--Agent:StateDir={node.StateDir}",
            $"--Agent:BpffsRoot={node.Bpffs}",
            $"--Agent:PodCidr={node.PodCidr}",
            $"--Agent:NodeIp={node.Ip}",
            $"--Agent:HostNetns={node.Netns}",
            $"--Agent:IdentityUrl={state.Service("cilium-identity")!.Url}",
            $"--Agent:EndpointUrl={state.Service("cilium-endpoint")!.Url}",
            $"--Agent:PolicyUrl={state.Service("cilium-policy")!.Url}",
            $"--Agent:CniConfDir={node.CniConfDir}",
            // No TCP listener: Hubble's default :4244 and /var/run/cilium/hubble.sock belong to the machine, not to a lab.
            "--Hubble:ListenAddress=",
            $"--Hubble:SocketPath={node.HubbleSocket}",
        ], node.LogFile);
        File.WriteAllText(node.PidFile, Text(pid));
        return pid;
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
