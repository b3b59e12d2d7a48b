using Cilium.Cli.Hubble;
using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;
using Cilium.Cli.Lab.Pods;
using Cilium.Contracts.Agent;

namespace Cilium.Cli.Status;

/// <summary>Asks every part of a lab how it is: each agent over its socket, each service's <c>/readyz</c>, NATS' monitor.</summary>
public sealed class StatusCollector(LabLayout layout, LabState state)
{
    public async Task<StatusReport> CollectAsync(CancellationToken ct)
    {
        var errors = new List<StatusMessage>();
        var warnings = new List<StatusMessage>();
        var agents = await Task.WhenAll(state.Agents.Select(a => AgentAsync(a, ct)));
        foreach (var a in agents.Where(a => a.State != "Ok"))
        {
            (a.Running ? warnings : errors).Add(new StatusMessage("cilium", $"cilium-agent@{a.Node}", a.Message ?? a.State));
        }
        var services = await Task.WhenAll(state.Services.Select(async s => (Service: s, Ready: await ReadyAsync(s.ReadyUrl, ct), Running: LabProcesses.BelongsTo(s.Pid, state.Name))));
        foreach (var (s, ready, running) in services.Where(s => !s.Ready))
        {
            errors.Add(new StatusMessage(s.Name, $"{s.Name}@127.0.0.1", running ? $"not ready at {s.ReadyUrl}" : $"process {s.Pid} is not running"));
        }

        if (state.HubbleRelay is { } relay && services.Any(s => s.Service.Name == LabHubbleRelay.ServiceName && s.Ready))
        {
            warnings.AddRange(await RelayWarningsAsync(relay, ct));
        }

        var workloads = new List<WorkloadStatus>
        {
            new("DaemonSet", "cilium", agents.Length, agents.Count(a => a.State == "Ok"), agents.Count(a => a.Running)),
        };
        workloads.AddRange(services.Select(s => new WorkloadStatus(s.Service.Name == "nats-server" ? "StatefulSet" : "Deployment", s.Service.Name, 1, s.Ready ? 1 : 0, s.Running ? 1 : 0)));

        var pods = new PodManager(layout, state, Executables.FromEnvironment(), TextWriter.Null).List();
        var endpoints = await Task.WhenAll(state.Agents.Select(async a => (a.Node.Name, Endpoints: await EndpointsAsync(a.Node, ct))));
        var managed = pods.Count(p => endpoints.Any(e => e.Name == p.Node && e.Endpoints.Any(ep =>
            ep.Status?.ExternalIdentifiers?.K8sNamespace == p.Namespace && ep.Status.ExternalIdentifiers.K8sPodName == p.Name)));
        if (managed < pods.Count)
        {
            warnings.Add(new StatusMessage("cilium", "pods", $"{pods.Count - managed} pods have no Cilium endpoint"));
        }

        string Summarize(IEnumerable<string> names)
        {
            var e = errors.Count(m => names.Contains(m.Component));
            var w = warnings.Count(m => names.Contains(m.Component));
            return e == 0 && w == 0 ? "OK" : string.Join(", ", new[] { e > 0 ? $"{e} errors" : null, w > 0 ? $"{w} warnings" : null }.OfType<string>());
        }
        var summary = new Dictionary<string, string>
        {
            ["Cilium"] = Summarize(["cilium"]),
            ["Control plane"] = Summarize(["cilium-identity", "cilium-endpoint", "cilium-policy"]),
            ["NATS JetStream"] = Summarize(["nats-server"]),
            ["Operator"] = "disabled",
            ["Hubble Relay"] = state.Service(LabHubbleRelay.ServiceName) is null ? "disabled" : Summarize([LabHubbleRelay.ServiceName]),
            ["ClusterMesh"] = "disabled",
        };
        return new StatusReport(state.Cluster, state.Name, summary, workloads, agents, managed, pods.Count, errors, warnings);
    }

    private async Task<AgentNodeStatus> AgentAsync(LabAgent agent, CancellationToken ct)
    {
        var running = LabProcesses.BelongsTo(agent.Pid, state.Name);
        if (!running)
        {
            return new AgentNodeStatus(agent.Node.Name, agent.Node.Socket, agent.Pid, false, "Failure", $"cilium-agent (pid {agent.Pid}) is not running", 0);
        }
        try
        {
            using var client = new AgentClient(agent.Node.Socket);
            var status = await client.GetStatusAsync(ct);
            var endpoints = await client.GetEndpointsAsync(ct);
            var problems = new[] { ("Cilium", status.Cilium), ("KVStore", status.Kvstore) }
                .Where(s => s.Item2 is not null && s.Item2.State != StatusState.Ok)
                .Select(s => $"{s.Item1}: {s.Item2!.Msg}")
                .Concat(status.Stale?.Select(kv => $"{kv.Key}: {kv.Value}") ?? [])
                .ToList();
            return new AgentNodeStatus(agent.Node.Name, agent.Node.Socket, agent.Pid, true,
                problems.Count == 0 ? "Ok" : "Warning", problems.Count == 0 ? null : string.Join("; ", problems), endpoints.Count);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or InvalidOperationException && !ct.IsCancellationRequested)
        {
            return new AgentNodeStatus(agent.Node.Name, agent.Node.Socket, agent.Pid, true, "Failure", $"unable to reach the agent at {agent.Node.Socket}: {e.Message} (is the agent running?)", 0);
        }
    }

    private static async Task<IReadOnlyList<Endpoint>> EndpointsAsync(LabNode node, CancellationToken ct)
    {
        try
        {
            using var client = new AgentClient(node.Socket);
            return await client.GetEndpointsAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException && !ct.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>Nodes whose observer the relay cannot reach: flows of those nodes are missing from every query.</summary>
    private static async Task<IReadOnlyList<StatusMessage>> RelayWarningsAsync(LabHubbleRelay relay, CancellationToken ct)
    {
        var pod = $"{LabHubbleRelay.ServiceName}@127.0.0.1";
        try
        {
            using var client = new RelayClient(relay.HttpUrl);
            var nodes = await client.NodesAsync(ct);
            return nodes.UnavailableNodes.Select(n => new StatusMessage(LabHubbleRelay.ServiceName, pod, $"node {n} unavailable")).ToList();
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException or System.Text.Json.JsonException && !ct.IsCancellationRequested)
        {
            return [new StatusMessage(LabHubbleRelay.ServiceName, pod, $"unable to read the relay's status at {relay.HttpUrl}/v1/status: {e.Message}")];
        }
    }

    private static async Task<bool> ReadyAsync(string url, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
