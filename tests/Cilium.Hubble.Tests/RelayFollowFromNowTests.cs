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
}
