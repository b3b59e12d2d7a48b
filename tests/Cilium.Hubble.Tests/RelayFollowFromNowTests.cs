using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Tests.Support;
using Xunit;
using ObserverClient = Cilium.Hubble.Contracts.Observer.Observer.ObserverClient;

namespace Cilium.Hubble.Tests;

/// <summary>Follow "from now" through the relay: new flows arrive even though the other nodes stay idle.</summary>
public sealed class RelayFollowFromNowTests
{
    [Fact]
    public async Task GetFlows_FollowFromNowWithIdleNodes_DeliversNewFlow()
    {
        await using var a = await AgentlessObserverStandIn.StartAsync("node-a");
        await using var b = await AgentlessObserverStandIn.StartAsync("node-b");
        await using var relay = await RelayProcess.StartAsync(["--peer", $"node-a={a.Address}", "--peer", $"node-b={b.Address}"]);
        using var channel = HubbleChannels.Create(relay.GrpcAddress);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = new ObserverClient(channel).GetFlows(new GetFlowsRequest { Follow = true }, cancellationToken: cts.Token);
        var next = call.ResponseStream.MoveNext(cts.Token);
        // "From now": publish (bounded) until the relay's node streams are open and a flow comes through.
        for (var i = 0; i < 300 && !next.IsCompleted; i++)
        {
            a.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromHours(1)));
            await Task.WhenAny(next, Task.Delay(100));
        }
        Assert.True(await next, relay.Log);
        Assert.Equal("node-a", call.ResponseStream.Current.NodeName);
    }

    /// <summary>
    /// One node sends a flow every 100 ms, the other none, and the sort window is 1 s. The window must bound how long
    /// a flow waits, not how long the relay has heard nothing: restarting the wait on every new flow held every flow
    /// back until the sort buffer filled (1,000 flows), which this test never reaches (at most 150 are published).
    /// </summary>
    [Fact]
    public async Task GetFlows_FollowOneNodeBusierThanSortWindowOtherIdle_FlowsStillComeThrough()
    {
        await using var a = await AgentlessObserverStandIn.StartAsync("node-a");
        await using var b = await AgentlessObserverStandIn.StartAsync("node-b");
        await using var relay = await RelayProcess.StartAsync(
            ["--peer", $"node-a={a.Address}", "--peer", $"node-b={b.Address}", "--Relay:SortBufferDrainTimeout=00:00:01"]);
        using var channel = HubbleChannels.Create(relay.GrpcAddress);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var call = new ObserverClient(channel).GetFlows(new GetFlowsRequest { Follow = true }, cancellationToken: cts.Token);
        var next = call.ResponseStream.MoveNext(cts.Token);
        var published = 0;
        for (; published < 150 && !next.IsCompleted; published++)
        {
            a.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(published)));
            await Task.WhenAny(next, Task.Delay(100));
        }
        Assert.True(next.IsCompleted, $"no flow came through after {published} flows on node-a (node-b idle):\n{relay.Log}");
        Assert.True(await next, relay.Log);
        Assert.Equal("node-a", call.ResponseStream.Current.NodeName);
        Assert.NotNull(call.ResponseStream.Current.Flow);
    }
}
