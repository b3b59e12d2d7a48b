using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Cilium.Testing;
using Xunit;

namespace Cilium.Endpoint.Tests;

/// <summary>Nodes and their pod CIDRs on real NATS with real service processes.</summary>
public sealed class NodeRegistryTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task Put_NewThenSameNode_Is201Then200AndServedByGetAndList()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);

        using var created = await replicas[0].PutNodeAsync("node-1", Requests.Node("198.18.0.0/24", "fd00:1::/64"));
        using var replaced = await replicas[0].PutNodeAsync("node-1", Requests.Node("198.18.0.0/24", "fd00:1:0::/64", "198.18.1.0/24"));
        var served = await replicas[0].GetFromJsonAsync<CiliumNode>("/v1/nodes/node-1", CiliumJson.Options);
        var listed = await replicas[0].ListNodesAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.True((await EndpointReplicas.ReadNodeAsync(replaced)).Revision > (await EndpointReplicas.ReadNodeAsync(created)).Revision);
        Assert.Equal(["198.18.0.0/24", "fd00:1::/64", "198.18.1.0/24"], served!.PodCidrs);
        Assert.Equal(("InternalIP", "198.19.255.1"), (served.Addresses[0].Type, served.Addresses[0].Ip));
        Assert.Equal("linux", served.Labels["kubernetes.io/os"]);
        Assert.Equal("node-1", Assert.Single(listed).Name);
    }

    [Theory]
    [InlineData("198.18.0.0/16", "198.18.4.0/24")]
    [InlineData("198.18.4.0/24", "198.18.0.0/16")]
    [InlineData("198.18.4.0/24", "198.18.4.0/24")]
    [InlineData("fd00:2::/48", "fd00:2:0:1::/64")]
    public async Task Put_PodCidrOverlappingAnotherNode_Is409NamingThatNode(string first, string second)
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using (await replicas[0].PutNodeAsync("node-a", Requests.Node(first)))
        {
        }

        using var conflict = await replicas[0].PutNodeAsync("node-b", Requests.Node("198.19.0.0/24", second));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var problem = JsonDocument.Parse(await conflict.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("node-a", problem.GetProperty("node").GetString());
        Assert.Equal("podCIDRs[1]", problem.GetProperty("field").GetString());
        Assert.Contains("node-a", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var missing = await replicas[0].GetAsync("/v1/nodes/node-b");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PutAndDelete_NodeGivesUpCidrs_AnotherNodeMayTakeThem()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using (await replicas[0].PutNodeAsync("node-a", Requests.Node("198.18.10.0/24", "198.18.11.0/24")))
        using (await replicas[0].PutNodeAsync("node-a", Requests.Node("198.18.11.0/24")))
        {
        }

        using var released = await replicas[0].PutNodeAsync("node-b", Requests.Node("198.18.10.0/25"));
        using var held = await replicas[0].PutNodeAsync("node-c", Requests.Node("198.18.11.128/25"));
        using var deleted = await replicas[0].DeleteAsync("/v1/nodes/node-a");
        using var afterDelete = await replicas[0].PutNodeAsync("node-c", Requests.Node("198.18.11.128/25"));
        using var gone = await replicas[0].GetAsync("/v1/nodes/node-a");

        Assert.Equal(HttpStatusCode.Created, released.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterDelete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(["node-b", "node-c"], (await replicas[0].ListNodesAsync()).Select(n => n.Name).ToArray());
    }

    [Fact]
    public async Task Put_TwoReplicasRaceWithNestedCidrs_ExactlyOneNodeWinsEachRound()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 2);
        const int Rounds = 6;
        const int Contenders = 8;

        // Within a round every prefix contains 198.19.<16*round>.0, so any two overlap.
        var results = await Task.WhenAll(Enumerable.Range(0, Rounds).SelectMany(round => Enumerable.Range(0, Contenders).Select(async c =>
        {
            using var response = await replicas[c % 2].PutNodeAsync($"r{round}-n{c}", Requests.Node($"198.19.{16 * round}.0/{20 + (c % 5)}"));
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            return (Round: round, Won: response.StatusCode == HttpStatusCode.Created);
        })));

        var listed = await replicas[1].ListNodesAsync();
        for (var round = 0; round < Rounds; round++)
        {
            Assert.Single(results, r => r.Round == round && r.Won);
            Assert.Single(listed, n => n.Name.StartsWith($"r{round}-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Delete_StaleRevision_Is409AndTheNodeStays()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using var v1 = await replicas[0].PutNodeAsync("node-s", Requests.Node("198.18.20.0/24"));
        var first = await EndpointReplicas.ReadNodeAsync(v1);
        using var v2 = await replicas[0].PutNodeAsync("node-s", Requests.Node("198.18.20.0/24", "198.18.21.0/24"));
        var second = await EndpointReplicas.ReadNodeAsync(v2);

        using var stale = await replicas[0].DeleteAsync($"/v1/nodes/node-s?revision={first.Revision}");
        using var overlap = await replicas[0].PutNodeAsync("node-t", Requests.Node("198.18.21.0/25"));
        using var current = await replicas[0].DeleteAsync($"/v1/nodes/node-s?revision={second.Revision}");

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, current.StatusCode);
    }
}
