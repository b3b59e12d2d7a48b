using System.Net;
using Cilium.Contracts;
using Cilium.Contracts.Events;
using Cilium.Testing;
using Xunit;

namespace Cilium.Endpoint.Tests;

/// <summary>Every committed change goes out once on <c>cilium.v1.endpoint.…</c> / <c>cilium.v1.node.…</c>, in order per key.</summary>
public sealed class EventTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task Start_RehearsesTheRegistrationPathsBeforeReady_WritingNothing()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);

        Assert.Contains("Registration paths warmed up", replicas.Logs);
        Assert.Equal(0L, await KvBuckets.MessageCountAsync(_nats.Url, replicas.Bucket));
        Assert.Empty(await EventsReader.ReadAllAsync(_nats.Url, Subjects.All));
        Assert.Empty(await KvBuckets.RehearsalLeftoversAsync(_nats.Url, replicas.Bucket));
        // The rehearsal's node and endpoint existed only in the scratch bucket: the real registry starts empty.
        using var created = await replicas[0].PutEndpointAsync("shop", "first", Requests.Endpoint("198.18.50.9"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Events_EndpointPutReplaceDelete_OneEventEachInCommitOrder()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using var created = await replicas[0].PutEndpointAsync("shop", "web.v1", Requests.Endpoint("198.18.50.1"));
        using var replaced = await replicas[0].PutEndpointAsync("shop", "web.v1", Requests.Endpoint("198.18.50.2", identity: 777));
        var revisions = new[] { (await EndpointReplicas.ReadEndpointAsync(created)).Revision, (await EndpointReplicas.ReadEndpointAsync(replaced)).Revision };
        using (await replicas[0].DeleteAsync("/v1/endpoints/shop/web.v1"))
        {
        }

        var subject = Subjects.Endpoint("shop", "web.v1");
        var events = await EventsReader.WaitForAsync(_nats.Url, subject, e => e.Count >= 3);

        Assert.Equal("cilium.v1.endpoint.shop.web%2Ev1", subject);
        Assert.Equal([EventOps.Upsert, EventOps.Upsert, EventOps.Delete], events.Select(e => e.Op).ToArray());
        Assert.All(events, e => Assert.Equal(("endpoint", "shop/web.v1"), (e.Kind, e.Key)));
        Assert.Equal(revisions, events.Take(2).Select(e => (ulong?)e.Revision).ToArray());
        Assert.True(events[2].Revision > events[1].Revision);
        Assert.Equal("198.18.50.1", events[0].Data!.Value.GetProperty("addressing").GetProperty("ipv4").GetString());
        Assert.Equal(777, events[1].Data!.Value.GetProperty("identity").GetInt64());
        Assert.Null(events[2].Data);
        // Claims are internal: nothing but endpoint and node events exists.
        var all = await EventsReader.ReadAllAsync(_nats.Url, Subjects.All);
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public async Task Events_NodePutDelete_UpsertThenDeleteOnNodeSubject()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using (await replicas[0].PutNodeAsync("node-e", Requests.Node("198.18.60.0/24")))
        using (await replicas[0].DeleteAsync("/v1/nodes/node-e"))
        {
        }

        var events = await EventsReader.WaitForAsync(_nats.Url, "cilium.v1.node.node-e", e => e.Count >= 2);

        Assert.Equal([EventOps.Upsert, EventOps.Delete], events.Select(e => e.Op).ToArray());
        Assert.All(events, e => Assert.Equal(("node", "node-e"), (e.Kind, e.Key)));
        Assert.Equal("198.18.60.0/24", events[0].Data!.Value.GetProperty("podCIDRs")[0].GetString());
    }

    [Fact]
    public async Task Events_ManyChangesThroughTwoReplicas_ExactlyOneEventPerCommittedChangeInOrderPerKey()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 2);
        const int Count = 30;
        var committed = await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            var revisions = new List<ulong>();
            for (var round = 0; round < 2; round++)
            {
                using var response = await replicas[(i + round) % 2].PutEndpointAsync("burst", $"pod-{i}", Requests.Endpoint($"198.18.70.{i + 1}", identity: 500 + round));
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                revisions.Add((await EndpointReplicas.ReadEndpointAsync(response)).Revision!.Value);
            }
            return (Key: $"burst/pod-{i}", Revisions: revisions);
        }));

        var events = await EventsReader.WaitForAsync(_nats.Url, "cilium.v1.endpoint.burst.>", e => e.Count >= 2 * Count);

        Assert.Equal(2 * Count, events.Count);
        foreach (var (key, revisions) in committed)
        {
            Assert.Equal(revisions, events.Where(e => e.Key == key).Select(e => e.Revision).ToArray());
        }
    }
}
