using System.Net;
using System.Net.Http.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Cilium.Testing;
using Xunit;

namespace Cilium.Endpoint.Tests;

/// <summary>What survives killing every replica and nats-server itself.</summary>
public sealed class PersistenceTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task Restart_ServiceAndNats_EverythingStillServedAndClaimsStillHold()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 2);
        var endpoints = new List<CiliumEndpoint>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await replicas[i % 2].PutEndpointAsync($"ns{i % 3}", $"pod-{i}", Requests.Endpoint($"198.18.30.{i + 1}", $"fd00::30:{i + 1}", node: $"node-{i % 2}", endpointId: i + 1));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            endpoints.Add(await EndpointReplicas.ReadEndpointAsync(response));
        }
        var nodes = new List<CiliumNode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await replicas[i % 2].PutNodeAsync($"node-{i}", Requests.Node($"198.18.{40 + i}.0/24"));
            nodes.Add(await EndpointReplicas.ReadNodeAsync(response));
        }

        await replicas.KillAllAsync();
        await _nats.RestartAsync(kill: true);
        await replicas.StartAllAsync();

        foreach (var endpoint in endpoints)
        {
            var served = await replicas[1].GetFromJsonAsync<CiliumEndpoint>($"/v1/endpoints/{endpoint.Namespace}/{endpoint.Name}", CiliumJson.Options);
            Assert.Equal(Canonical(endpoint), Canonical(served!));
        }
        Assert.Equal(
            endpoints.OrderBy(e => e.Namespace, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).Select(Canonical),
            (await replicas[0].ListEndpointsAsync()).Select(Canonical));
        Assert.Equal(nodes.Select(n => (n.Name, n.Revision, n.PodCidrs[0])), (await replicas[1].ListNodesAsync()).Select(n => (n.Name, n.Revision, n.PodCidrs[0])));
        using var ipTaken = await replicas[0].PutEndpointAsync("other", "pod", Requests.Endpoint("198.18.30.5"));
        using var cidrTaken = await replicas[1].PutNodeAsync("node-9", Requests.Node("198.18.41.0/25"));
        Assert.Equal(HttpStatusCode.Conflict, ipTaken.StatusCode);
        Assert.Contains("ns1/pod-4", await ipTaken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, cidrTaken.StatusCode);
        Assert.Contains("node-1", await cidrTaken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Canonical(CiliumEndpoint e) =>
        $"{e.Namespace}/{e.Name}@{e.Revision} {e.Node} {e.EndpointId} {e.Addressing.Ipv4} {e.Addressing.Ipv6} {e.Identity} {string.Join(",", e.Labels)} {string.Join(",", e.NamedPorts)}";
}
