using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Relay;
using Cilium.Hubble.Peers;
using Cilium.Hubble.Tests.Support;
using Grpc.Core;
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

    /// <summary>
    /// A follow call that began with one node takes in a node announced later (its flows come through) and, when
    /// the Peer service deletes it, says NODE_GONE; ServerStatus and GetNodes then count only the remaining node.
    /// </summary>
    [Fact]
    public async Task PeerService_NodeJoinsDuringFollowThenLeaves_FollowTakesItInThenReportsItGone()
    {
        await using var a = await AgentlessObserverStandIn.StartAsync("node-a");
        await using var b = await AgentlessObserverStandIn.StartAsync("node-b");
        await using var relay = await RelayProcess.StartAsync(["--peer-service", a.Address]);
        using var channel = HubbleChannels.Create(relay.GrpcAddress);
        var client = new ObserverClient(channel);
        Assert.Equal(["node-a"], await NodesAsync(client, n => n.Count == 1));

        await using var follow = FollowRecording.Start(client, TimeSpan.FromSeconds(90));

        a.Peers.Upsert(new HubblePeer("node-b", b.Address));
        Assert.Equal(["node-a", "node-b"], await NodesAsync(client, n => n.Count == 2));
        // The relay opens node-b's stream "from now": publish (bounded) until one of its flows comes through.
        for (var i = 0; i < 300 && !follow.Any(r => r.Flow is not null && r.NodeName == "node-b"); i++)
        {
            b.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(i)));
            await Task.Delay(100);
        }
        Assert.True(follow.Any(r => r.Flow is not null && r.NodeName == "node-b"), $"no flow of node-b, announced after the follow call began:\n{relay.Log}");

        a.Peers.Remove("node-b");
        for (var i = 0; i < 300 && !follow.Any(IsGone); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(follow.Any(IsGone), $"no NODE_GONE for node-b in the follow stream:\n{relay.Log}");
        Assert.Equal(["node-a"], await NodesAsync(client, n => n.Count == 1));
        var status = await client.ServerStatusAsync(new ServerStatusRequest());
        Assert.Equal(1u, status.NumConnectedNodes);
        Assert.Equal(0u, status.NumUnavailableNodes);
        Assert.Empty(status.UnavailableNodes);

        static bool IsGone(GetFlowsResponse r) =>
            r.NodeStatus is { StateChange: NodeState.NodeGone } s && s.NodeNames.Contains("node-b");
    }

    /// <summary>
    /// A node announced again at another address (here its unix socket, as in the lab) is the same node reached
    /// elsewhere: a running follow call switches to the new address without a NODE_GONE.
    /// </summary>
    [Fact]
    public async Task PeerService_NodeAddressChangesDuringFollow_FollowKeepsItsFlowsWithoutNodeGone()
    {
        await using var a = await AgentlessObserverStandIn.StartAsync("node-a");
        await using var b = await AgentlessObserverStandIn.StartAsync("node-b");
        a.Peers.Upsert(new HubblePeer("node-b", b.Address));
        await using var relay = await RelayProcess.StartAsync(["--peer-service", a.Address]);
        using var channel = HubbleChannels.Create(relay.GrpcAddress);
        var client = new ObserverClient(channel);
        Assert.Equal(["node-a", "node-b"], await NodesAsync(client, n => n.Count == 2));

        await using var follow = FollowRecording.Start(client, TimeSpan.FromSeconds(90));
        static bool FromB(GetFlowsResponse r) => r.Flow is not null && r.NodeName == "node-b";

        for (var i = 0; i < 300 && follow.Count(FromB) == 0; i++)
        {
            b.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(i)));
            await Task.Delay(100);
        }
        Assert.True(follow.Count(FromB) > 0, $"no flow of node-b before the address change:\n{relay.Log}");

        var socket = $"unix://{b.SocketPath}";
        a.Peers.Upsert(new HubblePeer("node-b", socket));
        var moved = false;
        for (var i = 0; i < 300 && !moved; i++)
        {
            moved = (await client.GetNodesAsync(new GetNodesRequest())).Nodes.Any(n => n.Name == "node-b" && n.Address == socket);
            if (!moved)
            {
                await Task.Delay(50);
            }
        }
        Assert.True(moved, $"the relay never took node-b's new address:\n{relay.Log}");
        var before = follow.Count(FromB);
        for (var i = 0; i < 300 && follow.Count(FromB) == before; i++)
        {
            b.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromHours(2) + TimeSpan.FromMilliseconds(i)));
            await Task.Delay(100);
        }
        Assert.True(follow.Count(FromB) > before, $"no flow of node-b through its new address:\n{relay.Log}");
        Assert.Equal(0, follow.Count(r => r.NodeStatus is { StateChange: NodeState.NodeGone }));
    }

    /// <summary>
    /// A node that is still announced but does not answer is unavailable by name; once the Peer service deletes it,
    /// the relay drops it and ServerStatus counts only the nodes of the cluster.
    /// </summary>
    [Fact]
    public async Task PeerService_NodeDownThenDeleted_StatusNamesItUnavailableThenDropsIt()
    {
        await using var a = await AgentlessObserverStandIn.StartAsync("node-a");
        await using var b = await AgentlessObserverStandIn.StartAsync("node-b");
        var c = await AgentlessObserverStandIn.StartAsync("node-c");
        var cUp = true;
        try
        {
            a.Peers.Upsert(new HubblePeer("node-b", b.Address));
            a.Peers.Upsert(new HubblePeer("node-c", c.Address));
            a.Publish(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp));
            await using var relay = await RelayProcess.StartAsync(["--peer-service", a.Address, "--Relay:NodeTimeout=00:00:02"]);
            using var channel = HubbleChannels.Create(relay.GrpcAddress);
            var client = new ObserverClient(channel);
            Assert.Equal(["node-a", "node-b", "node-c"], await NodesAsync(client, n => n.Count == 3));
            var status = await client.ServerStatusAsync(new ServerStatusRequest());
            Assert.Equal(3u, status.NumConnectedNodes);

            await c.DisposeAsync();
            cUp = false;
            status = await client.ServerStatusAsync(new ServerStatusRequest());
            Assert.Equal(2u, status.NumConnectedNodes);
            Assert.Equal(1u, status.NumUnavailableNodes);
            Assert.Equal(["node-c"], status.UnavailableNodes);
            // The nodes still reached keep serving flows.
            using (var call = client.GetFlows(new GetFlowsRequest { Number = 10 }))
            {
                var flows = new List<GetFlowsResponse>();
                await foreach (var r in call.ResponseStream.ReadAllAsync())
                {
                    flows.Add(r);
                }
                Assert.Contains(flows, r => r.Flow is not null && r.NodeName == "node-a");
                Assert.Contains(flows, r => r.NodeStatus is { StateChange: NodeState.NodeUnavailable } s && s.NodeNames.Contains("node-c"));
            }

            a.Peers.Remove("node-c");
            Assert.Equal(["node-a", "node-b"], await NodesAsync(client, n => n.Count == 2));
            status = await client.ServerStatusAsync(new ServerStatusRequest());
            Assert.Equal(2u, status.NumConnectedNodes);
            Assert.Equal(0u, status.NumUnavailableNodes);
            Assert.Empty(status.UnavailableNodes);
        }
        finally
        {
            if (cUp)
            {
                await c.DisposeAsync();
            }
        }
    }

    /// <summary>The relay's node names once <paramref name="done"/> holds, polled (bounded): discovery is asynchronous.</summary>
    private static async Task<List<string>> NodesAsync(ObserverClient client, Func<List<string>, bool> done)
    {
        var names = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            names = (await client.GetNodesAsync(new GetNodesRequest())).Nodes.Select(n => n.Name).ToList();
            if (done(names))
            {
                break;
            }
            await Task.Delay(50);
        }
        return names;
    }
}
