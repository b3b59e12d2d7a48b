using System.Net.Http.Json;
using Cilium.Contracts.Agent;
using Xunit;

namespace Cilium.Agent.Tests;

[Collection(AgentClusterCollection.Name)]
public sealed class AgentRestartTests(AgentClusterFixture cluster)
{
    [Fact]
    public async Task Restart_AgentKilled_EstablishedTcpKeepsFlowingAndEndpointsAreRestored()
    {
        var node = cluster.Nodes[0];
        var server = cluster.CreatePod(node);
        var client = cluster.CreatePod(node);
        var serverEp = await node.CreateEndpointAsync(server, $"k8s:app=restart-server-{cluster.RunId}");
        var clientEp = await node.CreateEndpointAsync(client, $"k8s:app=restart-client-{cluster.RunId}");
        using var listener = PodSockets.Listen(server, 7070);
        using var stop = new CancellationTokenSource();
        _ = PodSockets.ServeEchoAsync(listener, stop.Token);
        using var connection = await PodSockets.TryConnectAsync(client, server.Ip, 7070, TimeSpan.FromSeconds(5));
        Assert.NotNull(connection);
        Assert.True(await PodSockets.EchoAsync(connection!, "before", TimeSpan.FromSeconds(5)));

        await node.KillAsync();
        var whileDown = await PodSockets.EchoAsync(connection!, "while-down", TimeSpan.FromSeconds(5));
        node.Start();
        await node.WaitReadyAsync();
        var afterRestart = await PodSockets.EchoAsync(connection!, "after-restart", TimeSpan.FromSeconds(5));

        Assert.True(whileDown, "the pinned datapath must keep forwarding while the agent is down");
        Assert.True(afterRestart, "the connection must survive the agent's restart");
        var restored = await Eventually.UntilAsync(
            () => node.Client.GetAsync<Endpoint[]>(AgentPaths.Endpoints),
            all => all.Where(e => e.Id == serverEp.Id || e.Id == clientEp.Id).All(e => e.Status!.State == EndpointState.Ready));
        Assert.Equal(EndpointState.Ready, Assert.Single(restored, e => e.Id == serverEp.Id).Status!.State);
        var restoredClient = Assert.Single(restored, e => e.Id == clientEp.Id);
        Assert.Equal(clientEp.Status!.Identity!.Id, restoredClient.Status!.Identity!.Id);
        Assert.Equal(client.Ip, restoredClient.Status.Networking!.Addressing![0].Ipv4);
        using var fresh = await PodSockets.TryConnectAsync(client, server.Ip, 7070, TimeSpan.FromSeconds(5));
        Assert.NotNull(fresh);
        await stop.CancelAsync();
    }

    /// <summary>The container id under which the agent rehearses an endpoint before it is ready (EndpointLifecycleRehearsal).</summary>
    private const string RehearsalContainerId = "cilium-agent-warmup";

    [Fact]
    public async Task Start_RehearsesAnEndpointThroughTheApi_AndLeavesNothingOfIt()
    {
        var node = cluster.Nodes[1];

        Assert.Contains("Rehearsed an endpoint's creation and deletion through the API", node.Log);
        await AssertNoRehearsalLeftAsync(node);
    }

    [Fact]
    public async Task Restart_AfterARunKilledDuringItsRehearsal_RemovesTheRehearsalEndpointAndAddress()
    {
        var node = cluster.Nodes[1];
        // What a run killed half-way through its rehearsal leaves: the endpoint in the state dir, the address in IPAM.
        using var lent = await node.Client.PostAsync($"{AgentPaths.Ipam}?family=ipv4&owner={RehearsalContainerId}", null);
        Assert.Equal(System.Net.HttpStatusCode.Created, lent.StatusCode);
        var address = System.Text.Json.JsonDocument.Parse(await lent.Content.ReadAsStringAsync()).RootElement
            .GetProperty("address").GetProperty("ipv4").GetString()!;
        var request = new EndpointChangeRequest(EndpointState.WaitingForIdentity, Addressing: new AddressPair(Ipv4: address),
            ContainerId: RehearsalContainerId, ContainerInterfaceName: "eth0", Labels: ["reserved:health"], SyncBuildEndpoint: true);
        using (var created = await node.Client.PutAsJsonAsync("/v1/endpoint/0", request, Cilium.Contracts.Json.CiliumJson.Options))
        {
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        }
        var before = await node.Client.GetAsync<Endpoint[]>(AgentPaths.Endpoints);
        Assert.Contains(before, e => e.Status!.ExternalIdentifiers?.ContainerId == RehearsalContainerId);

        await node.KillAsync();
        node.Start();
        await node.WaitReadyAsync();

        await AssertNoRehearsalLeftAsync(node);
    }

    private static async Task AssertNoRehearsalLeftAsync(AgentNode node)
    {
        var endpoints = await node.Client.GetAsync<Endpoint[]>(AgentPaths.Endpoints);
        Assert.DoesNotContain(endpoints, e => e.Status!.ExternalIdentifiers?.ContainerId == RehearsalContainerId);
        var status = await node.Client.GetAsync<StatusResponse>(AgentPaths.Healthz);
        Assert.NotNull(status.Ipam?.Allocations);
        Assert.DoesNotContain(status.Ipam!.Allocations!, a => a.Value == RehearsalContainerId);
    }
}
