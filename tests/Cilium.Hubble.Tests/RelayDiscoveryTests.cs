using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Peers;
using Cilium.Hubble.Tests.Support;
using Xunit;
using ObserverClient = Cilium.Hubble.Contracts.Observer.Observer.ObserverClient;

namespace Cilium.Hubble.Tests;

/// <summary>The relay learns observers from one node's Peer service, as with Cilium's hubble-peer service.</summary>
public sealed class RelayDiscoveryTests
{
    [Fact]
    public async Task PeerService_AnnouncesThreeNodes_RelayServesAllThree()
    {
        await using var a = await AgentlessObserverStandIn.StartAsync("node-a");
        await using var b = await AgentlessObserverStandIn.StartAsync("node-b");
        await using var c = await AgentlessObserverStandIn.StartAsync("node-c");
        a.Peers.Upsert(new HubblePeer("node-b", b.Address));
        a.Peers.Upsert(new HubblePeer("node-c", c.Address));
        foreach (var node in new[] { a, b, c })
        {
            node.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp));
        }
        await using var relay = await RelayProcess.StartAsync(["--peer-service", a.Address]);

        using var channel = HubbleChannels.Create(relay.GrpcAddress);
        var client = new ObserverClient(channel);
        var names = new List<string>();
        // Discovery is asynchronous: poll (bounded) until the Peer stream has been applied.
        for (var i = 0; i < 300 && names.Count < 3; i++)
        {
            names = (await client.GetNodesAsync(new GetNodesRequest())).Nodes.Select(n => n.Name).ToList();
            if (names.Count < 3)
            {
                await Task.Delay(50);
            }
        }
        Assert.Equal(["node-a", "node-b", "node-c"], names);

        a.Peers.Remove("node-c");
        for (var i = 0; i < 300 && names.Count != 2; i++)
        {
            names = (await client.GetNodesAsync(new GetNodesRequest())).Nodes.Select(n => n.Name).ToList();
            if (names.Count != 2)
            {
                await Task.Delay(50);
            }
        }
        Assert.Equal(["node-a", "node-b"], names);
    }
}
