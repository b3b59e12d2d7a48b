using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Peer;
using Cilium.Hubble.Peers;
using Cilium.Hubble.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit;
using ObserverClient = Cilium.Hubble.Contracts.Observer.Observer.ObserverClient;

namespace Cilium.Hubble.Tests;

/// <summary>A gRPC client generated from our protos against the agent-less observer stand-in, over TCP and the unix socket.</summary>
public sealed class ObserverGrpcTests : IAsyncLifetime
{
    private AgentlessObserverStandIn _node = null!;

    public async Task InitializeAsync()
    {
        _node = await AgentlessObserverStandIn.StartAsync("node-1");
        for (var i = 0; i < 30; i++)
        {
            _node.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromSeconds(i)));
        }
        _node.Publish(Notifications.Drop(TestResolver.ClientIp, TestResolver.WorldIp, at: TimeSpan.FromSeconds(30)));
        _node.Publish(Notifications.Udp(TestResolver.ClientIp, TestResolver.DnsIp, at: TimeSpan.FromSeconds(31)));
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static async Task<List<GetFlowsResponse>> ReadAllAsync(ObserverClient client, GetFlowsRequest request)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = client.GetFlows(request, cancellationToken: cts.Token);
        var list = new List<GetFlowsResponse>();
        await foreach (var r in call.ResponseStream.ReadAllAsync(cts.Token))
        {
            list.Add(r);
        }
        return list;
    }

    [Fact]
    public async Task GetFlows_Number_ReturnsLastNOldestFirst()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var flows = await ReadAllAsync(new ObserverClient(channel), new GetFlowsRequest { Number = 5 });
        Assert.Equal(5, flows.Count);
        Assert.All(flows, f => Assert.Equal("node-1", f.NodeName));
        Assert.Equal(Notifications.T0.AddSeconds(27), flows[0].Flow.Time.ToDateTimeOffset());
        Assert.Equal(Notifications.T0.AddSeconds(31), flows[4].Flow.Time.ToDateTimeOffset());
        Assert.Equal(Verdict.Dropped, flows[3].Flow.Verdict);
    }

    [Fact]
    public async Task GetFlows_OverUnixSocket_ServesTheSameRing()
    {
        using var channel = HubbleChannels.Create("unix://" + _node.SocketPath);
        var flows = await ReadAllAsync(new ObserverClient(channel), new GetFlowsRequest { Number = 2 });
        Assert.Equal(2, flows.Count);
    }

    [Fact]
    public async Task GetFlows_WhitelistAndBlacklist_FilterOnServer()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var request = new GetFlowsRequest { Number = 100 };
        request.Whitelist.Add(new FlowFilter { SourcePod = { "default/client" } });
        request.Blacklist.Add(new FlowFilter { Protocol = { "tcp" } });
        var flow = Assert.Single(await ReadAllAsync(new ObserverClient(channel), request)).Flow;
        Assert.Equal("coredns-abc", flow.Destination.PodName);
    }

    [Fact]
    public async Task GetFlows_SinceUntil_BoundsFlowTime()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var request = new GetFlowsRequest
        {
            Since = Timestamp.FromDateTimeOffset(Notifications.T0.AddSeconds(10)),
            Until = Timestamp.FromDateTimeOffset(Notifications.T0.AddSeconds(12)),
        };
        var times = (await ReadAllAsync(new ObserverClient(channel), request)).Select(r => r.Flow.Time.ToDateTimeOffset()).ToList();
        Assert.Equal([Notifications.T0.AddSeconds(10), Notifications.T0.AddSeconds(11), Notifications.T0.AddSeconds(12)], times);
    }

    [Fact]
    public async Task GetFlows_FirstWithFollow_IsInvalidArgument()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(new ObserverClient(channel), new GetFlowsRequest { First = true, Follow = true, Number = 1 }));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task GetFlows_BadCidr_IsInvalidArgumentNamingIt()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var request = new GetFlowsRequest { Number = 1 };
        request.Whitelist.Add(new FlowFilter { SourceIp = { "198.18.0.0/40" } });
        var e = await Assert.ThrowsAsync<RpcException>(() => ReadAllAsync(new ObserverClient(channel), request));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("198.18.0.0/40", e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetFlows_Follow_DeliversNewFlowsAsPublished()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // Since (not "from now") so a flow published before the server has read the ring head still counts.
        var request = new GetFlowsRequest { Follow = true, Since = Timestamp.FromDateTimeOffset(Notifications.T0) };
        request.Whitelist.Add(new FlowFilter { DestinationPort = { "9999" } });
        using var call = new ObserverClient(channel).GetFlows(request, cancellationToken: cts.Token);
        var next = call.ResponseStream.MoveNext(cts.Token);
        _node.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, dport: 9999, at: TimeSpan.FromSeconds(40)));
        Assert.True(await next);
        Assert.Equal(9999u, call.ResponseStream.Current.Flow.L4.TCP.DestinationPort);
    }

    [Fact]
    public async Task ServerStatus_AfterPublishing_CountsFlows()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var status = await new ObserverClient(channel).ServerStatusAsync(new ServerStatusRequest());
        Assert.Equal(32UL, status.NumFlows);
        Assert.Equal(4095UL, status.MaxFlows);
        Assert.Equal(32UL, status.SeenFlows);
        Assert.Null(status.NumConnectedNodes);
        Assert.False(string.IsNullOrEmpty(status.Version));
    }

    [Fact]
    public async Task GetNamespaces_AfterPublishing_ListsEndpointNamespaces()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var response = await new ObserverClient(channel).GetNamespacesAsync(new GetNamespacesRequest());
        Assert.Equal(["default", "kube-system"], response.Namespaces.Select(n => n.Namespace_));
    }

    [Fact]
    public async Task HealthCheck_ObserverService_IsServing()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "observer.Observer" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task PeerNotify_ExistingAndNewPeers_AreAnnounced()
    {
        using var channel = HubbleChannels.Create(_node.Address);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = new Peer.PeerClient(channel).Notify(new NotifyRequest(), cancellationToken: cts.Token);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(("node-1", _node.Address, ChangeNotificationType.PeerAdded),
            (call.ResponseStream.Current.Name, call.ResponseStream.Current.Address, call.ResponseStream.Current.Type));
        _node.Peers.Upsert(new HubblePeer("node-2", "127.0.0.1:1"));
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(("node-2", ChangeNotificationType.PeerAdded), (call.ResponseStream.Current.Name, call.ResponseStream.Current.Type));
        _node.Peers.Remove("node-2");
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(("node-2", ChangeNotificationType.PeerDeleted), (call.ResponseStream.Current.Name, call.ResponseStream.Current.Type));
    }

    [Fact]
    public void Metrics_AfterPublishing_ExposeFlowAndDropCounters()
    {
        var text = new StringWriter();
        _node.Server.Metrics.WriteTo(text);
        var body = text.ToString();
        Assert.Contains("hubble_flows_processed_total{type=\"Trace\",subtype=\"to-endpoint\",verdict=\"FORWARDED\"} 30", body, StringComparison.Ordinal);
        Assert.Contains("hubble_flows_processed_total{type=\"Drop\",subtype=\"\",verdict=\"DROPPED\"} 1", body, StringComparison.Ordinal);
        Assert.Contains("hubble_drop_total{reason=\"POLICY_DENIED\",protocol=\"TCP\"} 1", body, StringComparison.Ordinal);
    }
}
