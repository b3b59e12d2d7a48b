using System.Net;
using System.Text.Json;
using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Relay;
using Cilium.Hubble.Tests.Support;
using Grpc.Core;
using Xunit;
using ObserverClient = Cilium.Hubble.Contracts.Observer.Observer.ObserverClient;

namespace Cilium.Hubble.Tests;

/// <summary>hubble-relay over three agent-less observer stand-ins: merge order, node loss, REST and SSE, CLI, UI.</summary>
public sealed class RelayTests : IAsyncLifetime
{
    private const int PerNode = 20;
    private readonly List<AgentlessObserverStandIn> _nodes = [];
    private RelayProcess _relay = null!;

    public async Task InitializeAsync()
    {
        for (var n = 0; n < 3; n++)
        {
            var node = await AgentlessObserverStandIn.StartAsync($"node-{n}");
            // Interleaved clocks: flow k of node n happens at 3k+n ms, so a correct merge alternates nodes.
            for (var k = 0; k < PerNode; k++)
            {
                var at = TimeSpan.FromMilliseconds(3 * k + n);
                node.Publish(k % 5 == 4
                    ? Notifications.Drop(TestResolver.ClientIp, TestResolver.WorldIp, at: at)
                    : Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: at));
            }
            _nodes.Add(node);
        }
        try
        {
            _relay = await RelayProcess.StartAsync(_nodes.SelectMany(n => new[] { "--peer", $"{n.NodeName}={n.Address}" }).Append("--ui"));
        }
        catch
        {
            // xunit does not call DisposeAsync when InitializeAsync fails: the nodes' sockets would stay behind.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_relay is not null)
        {
            await _relay.DisposeAsync();
        }
        foreach (var n in _nodes)
        {
            await n.DisposeAsync();
        }
        _nodes.Clear();
    }

    private async Task<List<GetFlowsResponse>> GetFlowsAsync(GetFlowsRequest request)
    {
        using var channel = HubbleChannels.Create(_relay.GrpcAddress);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = new ObserverClient(channel).GetFlows(request, cancellationToken: cts.Token);
        var list = new List<GetFlowsResponse>();
        await foreach (var r in call.ResponseStream.ReadAllAsync(cts.Token))
        {
            list.Add(r);
        }
        return list;
    }

    [Fact]
    public async Task GetFlows_ThreeNodes_MergedInTimeOrder()
    {
        var flows = (await GetFlowsAsync(new GetFlowsRequest { Number = PerNode })).Where(r => r.Flow is not null).ToList();

        Assert.Equal(3 * PerNode, flows.Count);
        var times = flows.Select(f => f.Flow.Time.ToDateTimeOffset()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(["node-0", "node-1", "node-2", "node-0"], flows.Take(4).Select(f => f.NodeName));
    }

    [Fact]
    public async Task GetFlows_FilterThroughRelay_AppliesOnEveryNode()
    {
        var request = new GetFlowsRequest { Number = 100 };
        request.Whitelist.Add(new FlowFilter { Verdict = { Verdict.Dropped } });
        var flows = (await GetFlowsAsync(request)).Where(r => r.Flow is not null).ToList();
        Assert.Equal(3 * PerNode / 5, flows.Count);
        Assert.All(flows, f => Assert.Equal(DropReason.PolicyDenied, f.Flow.DropReasonDesc));
        Assert.Equal(3, flows.Select(f => f.NodeName).Distinct().Count());
    }

    [Fact]
    public async Task GetFlows_Follow_DeliversFlowsOfEveryNode()
    {
        using var channel = HubbleChannels.Create(_relay.GrpcAddress);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var request = new GetFlowsRequest { Follow = true, Since = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Notifications.T0) };
        request.Whitelist.Add(new FlowFilter { DestinationPort = { "7777" } });
        using var call = new ObserverClient(channel).GetFlows(request, cancellationToken: cts.Token);
        for (var n = 0; n < 3; n++)
        {
            _nodes[n].Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, dport: 7777, at: TimeSpan.FromSeconds(10 + n)));
        }
        var seen = new List<string>();
        while (seen.Count < 3 && await call.ResponseStream.MoveNext(cts.Token))
        {
            if (call.ResponseStream.Current.Flow is { } f)
            {
                Assert.Equal(7777u, f.L4.TCP.DestinationPort);
                seen.Add(call.ResponseStream.Current.NodeName);
            }
        }
        Assert.Equal(["node-0", "node-1", "node-2"], seen.Order());
    }

    [Fact]
    public async Task NodeLoss_OneNodeStopped_RelayReportsItAndServesOthers()
    {
        await _nodes[1].DisposeAsync();

        var responses = await GetFlowsAsync(new GetFlowsRequest { Number = PerNode });
        var status = Assert.Single(responses, r => r.NodeStatus is not null).NodeStatus;
        Assert.Equal(NodeState.NodeUnavailable, status.StateChange);
        Assert.Equal(["node-1"], status.NodeNames);
        var flows = responses.Where(r => r.Flow is not null).ToList();
        Assert.Equal(2 * PerNode, flows.Count);
        Assert.Equal(["node-0", "node-2"], flows.Select(f => f.NodeName).Distinct().Order());

        using var channel = HubbleChannels.Create(_relay.GrpcAddress);
        var client = new ObserverClient(channel);
        var serverStatus = await client.ServerStatusAsync(new ServerStatusRequest());
        Assert.Equal(2u, serverStatus.NumConnectedNodes);
        Assert.Equal(1u, serverStatus.NumUnavailableNodes);
        Assert.Equal(["node-1"], serverStatus.UnavailableNodes);
        Assert.Equal((ulong)(2 * PerNode), serverStatus.NumFlows);
        var nodes = await client.GetNodesAsync(new GetNodesRequest());
        Assert.Equal(NodeState.NodeUnavailable, nodes.Nodes.Single(n => n.Name == "node-1").State);
        Assert.Equal(NodeState.NodeConnected, nodes.Nodes.Single(n => n.Name == "node-2").State);

        var cli = await CliRun.RunAsync("status", "--server", _relay.GrpcAddress);
        Assert.Contains("Connected Nodes: 2/3", cli.Out, StringComparison.Ordinal);
        Assert.Contains("  - node-1", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliStatus_AllNodesUp_ReportsThreeOfThree()
    {
        var run = await CliRun.RunAsync("status", "--server", _relay.GrpcAddress);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Healthcheck (via {_relay.GrpcAddress}): Ok", run.Lines[0]);
        Assert.Equal("Current/Max Flows: 60/12,285 (0.49%)", run.Lines[1]);
        Assert.Equal("Connected Nodes: 3/3", run.Lines[3]);
    }

    [Fact]
    public async Task CliListNodes_ThreeNodes_OneRowEach()
    {
        var run = await CliRun.RunAsync("list", "nodes", "--server", _relay.GrpcAddress);
        Assert.Equal(["node-0", "node-1", "node-2"], run.Lines.Skip(1).Select(l => l.Split(' ')[0]));
        Assert.All(run.Lines.Skip(1), l => Assert.Contains("Connected", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CliObserve_ThroughRelay_PrintsNodeNames()
    {
        var run = await CliRun.RunAsync("observe", "--server", _relay.GrpcAddress, "--last", "1", "--print-node-name", "--verdict", "DROPPED");
        Assert.Equal(3, run.Lines.Length);
        Assert.Contains(" [node-0]: ", run.Lines[0], StringComparison.Ordinal);
        Assert.Contains(" [node-1]: ", run.Lines[1], StringComparison.Ordinal);
        Assert.Contains(" [node-2]: ", run.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestFlows_QueryFilters_ReturnJsonArray()
    {
        using var http = new HttpClient { BaseAddress = _relay.HttpBase };
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/v1/flows?verdict=DROPPED&from-pod=default/client&last=100"));
        var items = doc.RootElement.EnumerateArray().Where(e => e.TryGetProperty("flow", out _)).ToList();
        Assert.Equal(3 * PerNode / 5, items.Count);
        Assert.All(items, e => Assert.Equal("DROPPED", e.GetProperty("flow").GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task RestFlows_NotParameter_Negates()
    {
        using var http = new HttpClient { BaseAddress = _relay.HttpBase };
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/v1/flows?not-verdict=DROPPED&last=100"));
        var verdicts = doc.RootElement.EnumerateArray().Select(e => e.GetProperty("flow").GetProperty("verdict").GetString()).ToList();
        Assert.Equal(3 * PerNode * 4 / 5, verdicts.Count);
        Assert.DoesNotContain("DROPPED", verdicts);
    }

    [Theory]
    [InlineData("/v1/flows?verdict=MAYBE", "verdict")]
    [InlineData("/v1/flows?colour=blue", "colour")]
    [InlineData("/v1/flows?last=-1", "last")]
    [InlineData("/v1/flows?from-ip=1.2.3.4/99", "query")]
    public async Task RestFlows_BadParameter_IsValidationProblem(string path, string field)
    {
        using var http = new HttpClient { BaseAddress = _relay.HttpBase };
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    [Fact]
    public async Task RestFlows_FollowTrue_StreamsServerSentEvents()
    {
        using var http = new HttpClient { BaseAddress = _relay.HttpBase, Timeout = Timeout.InfiniteTimeSpan };
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await http.GetAsync("/v1/flows?follow=true&to-port=6666", HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
        Assert.Equal(": connected", await reader.ReadLineAsync(cts.Token));
        // "From now": keep publishing until the relay's node streams are open and one arrives.
        var publisher = Task.Run(async () =>
        {
            for (var i = 0; i < 600 && !cts.IsCancellationRequested; i++)
            {
                _nodes[2].Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, dport: 6666, at: TimeSpan.FromMinutes(1)));
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);
        string? line;
        do
        {
            line = await reader.ReadLineAsync(cts.Token);
        }
        while (line is not null && !line.StartsWith("data: ", StringComparison.Ordinal));
        await cts.CancelAsync();
        await publisher;
        Assert.NotNull(line);
        using var doc = JsonDocument.Parse(line!["data: ".Length..]);
        Assert.Equal(6666, doc.RootElement.GetProperty("flow").GetProperty("l4").GetProperty("TCP").GetProperty("destination_port").GetInt32());
        Assert.Equal("node-2", doc.RootElement.GetProperty("node_name").GetString());
    }

    [Fact]
    public async Task RestStatusAndNodes_ReportNodes()
    {
        using var http = new HttpClient { BaseAddress = _relay.HttpBase };
        using var status = JsonDocument.Parse(await http.GetStringAsync("/v1/status"));
        Assert.Equal(3, status.RootElement.GetProperty("num_connected_nodes").GetInt32());
        using var nodes = JsonDocument.Parse(await http.GetStringAsync("/v1/nodes"));
        Assert.Equal(3, nodes.RootElement.GetProperty("nodes").GetArrayLength());
        using var namespaces = JsonDocument.Parse(await http.GetStringAsync("/v1/namespaces"));
        Assert.Equal("default", namespaces.RootElement.GetProperty("namespaces")[0].GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task Swagger_Document_ListsFlowsEndpoint()
    {
        using var http = new HttpClient { BaseAddress = _relay.HttpBase };
        var doc = await http.GetStringAsync("/swagger/v1/swagger.json");
        Assert.Contains("/v1/flows", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ui_Enabled_ServesPageScriptAndStyle()
    {
        using var http = new HttpClient { BaseAddress = _relay.HttpBase };
        var page = await http.GetStringAsync("/");
        Assert.Contains("Service map", page, StringComparison.Ordinal);
        var script = await http.GetStringAsync("/ui/app.js");
        Assert.Contains("EventSource", script, StringComparison.Ordinal);
        using var css = await http.GetAsync("/ui/style.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_AfterGetFlows_CountForwardedFlows()
    {
        await GetFlowsAsync(new GetFlowsRequest { Number = 1 });
        using var http = new HttpClient { BaseAddress = _relay.HttpBase };
        var text = await http.GetStringAsync("/metrics");
        Assert.Contains("hubble_relay_get_flows_requests_total ", text, StringComparison.Ordinal);
        Assert.Matches(@"hubble_relay_flows_forwarded_total [1-9]\d*", text);
    }

    [Fact]
    public async Task GetFlows_InvalidFilter_IsInvalidArgumentOnce()
    {
        var request = new GetFlowsRequest { Number = 1 };
        request.Whitelist.Add(new FlowFilter { Protocol = { "smoke-signals" } });
        var e = await Assert.ThrowsAsync<RpcException>(() => GetFlowsAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }
}
