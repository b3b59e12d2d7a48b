using System.Globalization;
using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;

namespace Cilium.Cli.Hubble;

/// <summary>
/// <c>cilium hubble enable [--ui] [--static-peers]</c> and <c>disable</c> for a lab: one hubble-relay on 127.0.0.1 that
/// fans in every node's observer through its socket. As in Cilium, the relay is given one Peer service (the first
/// node's observer, which announces every node of the cluster) and follows nodes joining and leaving; with
/// <c>--static-peers</c> it gets every node as a fixed <c>--peer</c> instead (decision 0005). The relay is recorded in
/// <c>lab.json</c> as the <c>hubble-relay</c> service so that status, <c>lab down</c> and the leftovers check see it.
/// </summary>
public sealed class LabHubble(LabLayout layout, Executables executables, TextWriter output)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    public async Task<LabState> EnableAsync(bool ui, bool staticPeers, CancellationToken ct)
    {
        var state = LabStateStore.Require(layout);
        if (state.HubbleRelay is { } current && state.Service(LabHubbleRelay.ServiceName) is { } running && LabProcesses.BelongsTo(running.Pid, layout.Name))
        {
            if (current.Ui == ui)
            {
                await output.WriteLineAsync($"✅ Hubble is already enabled: relay {current.Server}{(current.UiUrl is { } u ? $", UI {u}" : "")}");
                return state;
            }
            await output.WriteLineAsync($"🔥 Restarting Hubble Relay to turn the UI {(ui ? "on" : "off")}...");
        }
        // A relay recorded but dead (or one being reconfigured) goes first, so lab.json never names two.
        state = await StopAsync(state, ct);
        var relayDll = executables.RequireDll(LabHubbleRelay.ServiceName);

        var server = $"127.0.0.1:{FreeTcpPort.Next()}";
        var httpUrl = $"http://127.0.0.1:{FreeTcpPort.Next()}";
        var log = Path.Combine(layout.Dir, LabHubbleRelay.ServiceName + ".log");
        var command = new List<string>
        {
            "dotnet", relayDll,
            "--listen-address", server,
            "--urls", httpUrl,
            $"--Cluster:Name={state.Cluster}",
        };
        if (staticPeers)
        {
            foreach (var agent in state.Agents)
            {
                command.AddRange(["--peer", $"{agent.Node.Name}=unix://{agent.Node.HubbleSocket}"]);
            }
        }
        else if (state.Agents.Count > 0)
        {
            command.AddRange(["--peer-service", $"unix://{state.Agents[0].Node.HubbleSocket}"]);
        }
        if (ui)
        {
            command.Add("--ui");
        }
        await output.WriteLineAsync($"🚀 Creating Relay ({state.Agents.Count} nodes: {string.Join(", ", state.Agents.Select(a => a.Node.Name))})...");
        var pid = LabProcesses.Start(layout.Name, command, log);
        var service = new LabService(LabHubbleRelay.ServiceName, httpUrl, httpUrl + "/readyz", pid, log);
        var relay = new LabHubbleRelay(server, httpUrl, ui);
        // Recorded before the wait: a relay that never gets ready is still stopped by disable or lab down.
        state = state with { Services = [.. state.Services, service], HubbleRelay = relay };
        LabStateStore.Save(layout, state);

        await output.WriteLineAsync("⌛ Waiting for Hubble Relay to be ready...");
        await LabReadiness.WaitHttpAsync(LabHubbleRelay.ServiceName, service.ReadyUrl, pid, log, ReadyTimeout, ct);
        using var client = new RelayClient(httpUrl);
        RelayNodes nodes = new(0, 0, []);
        await LabReadiness.WaitAsync("hubble-relay (every node's observer connected)", pid, log, ReadyTimeout, async () =>
        {
            try
            {
                nodes = await client.NodesAsync(ct);
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException && !ct.IsCancellationRequested)
            {
                return false;
            }
            return nodes.Connected == state.Agents.Count && nodes.Unavailable == 0;
        }, ct);
        await output.WriteLineAsync($"✅ Hubble was successfully enabled: relay {server} sees {nodes.Connected}/{state.Agents.Count} nodes");
        await output.WriteLineAsync($"   hubble observe --server {server}");
        if (relay.UiUrl is { } url)
        {
            await output.WriteLineAsync($"🌐 Hubble UI: {url}");
        }
        return state;
    }

    public async Task<LabState> DisableAsync(CancellationToken ct)
    {
        var state = LabStateStore.Require(layout);
        if (state.HubbleRelay is null && state.Service(LabHubbleRelay.ServiceName) is null)
        {
            await output.WriteLineAsync("✅ Hubble is already disabled.");
            return state;
        }
        await output.WriteLineAsync("🔥 Deleting Relay...");
        state = await StopAsync(state, ct);
        await output.WriteLineAsync("✅ Hubble was successfully disabled.");
        return state;
    }

    private async Task<LabState> StopAsync(LabState state, CancellationToken ct)
    {
        if (state.Service(LabHubbleRelay.ServiceName) is { } relay)
        {
            await LabProcesses.KillAsync(relay.Pid, layout.Name, ct);
            if (LabProcesses.IsAlive(relay.Pid) && LabProcesses.BelongsTo(relay.Pid, layout.Name))
            {
                throw new InvalidOperationException($"hubble-relay (pid {relay.Pid.ToString(CultureInfo.InvariantCulture)}) did not stop");
            }
        }
        state = state with { Services = [.. state.Services.Where(s => s.Name != LabHubbleRelay.ServiceName)], HubbleRelay = null };
        LabStateStore.Save(layout, state);
        return state;
    }
}
