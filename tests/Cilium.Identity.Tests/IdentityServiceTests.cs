using System.Net;
using System.Net.Http.Json;
using System.Text;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using Cilium.Testing;
using Xunit;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Tests;

/// <summary>The identity service as a user meets it: real executables, real nats-server, real HTTP.</summary>
/// <remarks>Each test runs its own nats-server, so event subjects and streams never mix between tests.</remarks>
public sealed class IdentityServiceTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    private static readonly string[] ReservedNames =
        ["host", "world", "unmanaged", "health", "init", "remote-node", "kube-apiserver", "ingress", "world-ipv4", "world-ipv6"];

    [Fact]
    public async Task Allocate_SameLabelsInAnyOrder_ReturnsOneIdentityCreatedOnce()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        var first = await PostAsync(replicas[0], "k8s:app=web", "k8s:io.kubernetes.pod.namespace=shop", "k8s:pod-template-hash=5d8f");
        var second = await PostAsync(replicas[0], "k8s:io.kubernetes.pod.namespace=shop", "k8s:app=web");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = await IdentityReplicas.ReadIdentityAsync(first);
        var b = await IdentityReplicas.ReadIdentityAsync(second);
        Assert.Equal(a, b with { Labels = a.Labels });
        Assert.Equal(["k8s:app=web", "k8s:io.kubernetes.pod.namespace=shop"], b.Labels);
        Assert.InRange(a.Id, 256, 65535);
        Assert.Equal(64, a.LabelsSha256.Length);
        Assert.Equal($"/v1/identities/{a.Id}", first.Headers.Location?.ToString());
    }

    [Fact]
    public async Task Allocate_TwoReplicasManyConcurrentRequests_EachLabelSetGetsOneStableId()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 2);
        var sets = Enumerable.Range(0, 40)
            .Select(i => new[] { $"k8s:app=app{i}", $"k8s:io.kubernetes.pod.namespace=ns{i % 7}", $"k8s:tier=t{i % 3}", "k8s:pod-template-hash=abc" })
            .ToArray();
        var random = new Random(42);
        var requests = Enumerable.Range(0, 400).Select(i =>
        {
            var set = sets[i % sets.Length].OrderBy(_ => random.Next()).ToArray();
            return (Set: i % sets.Length, Client: replicas[random.Next(2)], Labels: set);
        }).ToArray();

        var results = await Task.WhenAll(requests.Select(async r =>
        {
            using var response = await PostAsync(r.Client, r.Labels);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (r.Set, (await IdentityReplicas.ReadIdentityAsync(response)).Id, response.StatusCode);
        }));

        var idsBySet = results.GroupBy(r => r.Set).ToDictionary(g => g.Key, g => g.Select(x => x.Id).Distinct().ToArray());
        Assert.All(idsBySet.Values, ids => Assert.Single(ids));
        Assert.Equal(40, idsBySet.Values.Select(ids => ids[0]).Distinct().Count());
        Assert.Equal(40, results.Count(r => r.StatusCode == HttpStatusCode.Created));

        // Stable: asking again, on either replica, gives the same numbers.
        for (var i = 0; i < sets.Length; i++)
        {
            using var again = await PostAsync(replicas[i % 2], sets[i]);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(idsBySet[i][0], (await IdentityReplicas.ReadIdentityAsync(again)).Id);
        }
    }

    [Fact]
    public async Task Restart_ServiceAndNats_EveryIdentityServedUnchangedAndEventsHoldOneUpsertEach()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 2);
        var before = new List<IdentityModel>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await PostAsync(replicas[i % 2], $"k8s:app=restart{i}", "k8s:io.kubernetes.pod.namespace=persist");
            before.Add(await IdentityReplicas.ReadIdentityAsync(response));
        }
        var filter = "cilium.v1.identity.>";
        await EventsReader.WaitForAsync(_nats.Url, filter, e => before.All(b => e.Any(x => x.Key == b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        await replicas.KillAllAsync();
        await _nats.RestartAsync(kill: true);
        await replicas.StartAllAsync();

        foreach (var identity in before)
        {
            var served = await replicas[1].GetFromJsonAsync<IdentityModel>($"/v1/identities/{identity.Id}", CiliumJson.Options);
            Assert.Equal(identity.Id, served!.Id);
            Assert.Equal(identity.Labels, served.Labels);
            using var again = await PostAsync(replicas[0], identity.Labels.Reverse().ToArray());
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(identity.Id, (await IdentityReplicas.ReadIdentityAsync(again)).Id);
        }
        var events = await EventsReader.ReadAllAsync(_nats.Url, filter);
        foreach (var identity in before)
        {
            var mine = events.Where(e => e.Key == identity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var upsert = Assert.Single(mine);
            Assert.Equal(EventOps.Upsert, upsert.Op);
            Assert.Equal("identity", upsert.Kind);
            Assert.Equal(identity.Labels, upsert.Data!.Value.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray());
        }
    }

    [Fact]
    public async Task Events_CommittedWhileServiceWasDown_ArePublishedAfterStart()
    {
        // The service is killed between its write and its publish: the committed record is in the bucket, no
        // event went out. Model that exactly by committing the record with the service stopped.
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        using (await PostAsync(replicas[0], "k8s:app=warmup", "k8s:io.kubernetes.pod.namespace=crash"))
        {
        }
        await replicas.KillAllAsync();
        var orphan = new IdentityModel(60001, ["k8s:app=crash", "k8s:io.kubernetes.pod.namespace=crash"], new string('a', 64));
        await using (var conn = new NATS.Client.Core.NatsConnection(NATS.Client.Core.NatsOpts.Default with { Url = _nats.Url }))
        {
            var kv = new NATS.Client.KeyValueStore.NatsKVContext(new NATS.Client.JetStream.NatsJSContext(conn));
            var store = await kv.GetStoreAsync(replicas.Bucket);
            await store.PutAsync("id.60001", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(orphan, CiliumJsonContext.Default.Identity));
        }

        await replicas.StartAllAsync();

        var events = await EventsReader.WaitForAsync(_nats.Url, "cilium.v1.identity.60001", e => e.Count > 0);
        var evt = Assert.Single(events);
        Assert.Equal(EventOps.Upsert, evt.Op);
        Assert.Equal("60001", evt.Key);
        var served = await replicas[0].GetFromJsonAsync<IdentityModel>("/v1/identities/60001", CiliumJson.Options);
        Assert.Equal(orphan.Labels, served!.Labels);
    }

    [Fact]
    public async Task Events_PublishedButNotAckedBeforeCrash_AreNotRepeatedAndLaterChangesFollow()
    {
        // The service published a change and was killed before it acked the bucket's consumer: after the restart the
        // change is redelivered, the events stream answers "duplicate", and that must count as published. Otherwise the
        // change stays unacked and (one in flight at a time) every later change of the bucket waits behind it forever.
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        await replicas.KillAllAsync();
        var first = new IdentityModel(60001, ["k8s:app=crash", "k8s:io.kubernetes.pod.namespace=crash"], new string('a', 64));
        var second = new IdentityModel(60002, ["k8s:app=after", "k8s:io.kubernetes.pod.namespace=crash"], new string('b', 64));
        await using (var conn = new NATS.Client.Core.NatsConnection(NATS.Client.Core.NatsOpts.Default with { Url = _nats.Url }))
        {
            var js = new NATS.Client.JetStream.NatsJSContext(conn);
            var store = await new NATS.Client.KeyValueStore.NatsKVContext(js).GetStoreAsync(replicas.Bucket);
            var revision = await store.PutAsync("id.60001", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(first, CiliumJsonContext.Default.Identity));
            var published = new CiliumEvent("identity", EventOps.Upsert, "60001", revision, DateTimeOffset.UtcNow, null);
            var ack = await js.PublishAsync(
                "cilium.v1.identity.60001",
                System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(published, CiliumJsonContext.Default.CiliumEvent),
                opts: new NATS.Client.JetStream.NatsJSPubOpts { MsgId = $"identity:60001:{revision}" });
            Assert.Null(ack.Error);
            await store.PutAsync("id.60002", System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(second, CiliumJsonContext.Default.Identity));
        }

        await replicas.StartAllAsync();

        var later = await EventsReader.WaitForAsync(_nats.Url, "cilium.v1.identity.60002", e => e.Count > 0);
        Assert.Equal("60002", Assert.Single(later).Key);
        Assert.Single(await EventsReader.ReadAllAsync(_nats.Url, "cilium.v1.identity.60001"));
    }

    [Fact]
    public async Task Release_ClusterIdentity_GoneWithDeleteEventAndReservedOnesStay()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        using var created = await PostAsync(replicas[0], "k8s:app=short-lived", "k8s:io.kubernetes.pod.namespace=release");
        var identity = await IdentityReplicas.ReadIdentityAsync(created);

        using var deleted = await replicas[0].DeleteAsync($"/v1/identities/{identity.Id}");
        using var gone = await replicas[0].GetAsync($"/v1/identities/{identity.Id}");
        using var again = await replicas[0].DeleteAsync($"/v1/identities/{identity.Id}");
        using var reserved = await replicas[0].DeleteAsync("/v1/identities/2");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reserved.StatusCode);
        Assert.Equal("application/problem+json", reserved.Content.Headers.ContentType?.MediaType);
        var events = await EventsReader.WaitForAsync(_nats.Url, $"cilium.v1.identity.{identity.Id}", e => e.Any(x => x.Op == EventOps.Delete));
        Assert.Equal([EventOps.Upsert, EventOps.Delete], events.Select(e => e.Op).ToArray());
        Assert.Null(events[1].Data);
        Assert.True(events[1].Revision > events[0].Revision);
    }

    /// <summary>
    /// The replica runs its allocation path once before it is ready (reserved labels and a write the bucket must
    /// refuse), so a fresh cluster's bucket and event stream stay empty until a real allocation.
    /// </summary>
    [Fact]
    public async Task Start_WarmsTheAllocationPathBeforeReady_WritingNothing()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);

        Assert.Contains("Allocation path warmed up", replicas.Logs);
        Assert.Equal(0L, await KeyCountAsync(replicas.Bucket));
        Assert.Empty(await EventsReader.ReadAllAsync(_nats.Url, "cilium.v1.identity.>"));
        Assert.Empty(await KvBuckets.RehearsalLeftoversAsync(_nats.Url, replicas.Bucket)); // the scratch bucket is gone
        using var created = await PostAsync(replicas[0], "k8s:app=first", "k8s:io.kubernetes.pod.namespace=warm");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2L, await KeyCountAsync(replicas.Bucket)); // the labels' reservation and the number
    }

    [Fact]
    public async Task Start_AfterARunKilledDuringItsRehearsal_RemovesTheScratchBucketItLeft()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1, "--Nats:ScratchBucketLeftoverAge=00:00:00");
        await replicas.KillAllAsync();
        var leftover = await KvBuckets.PlantRehearsalLeftoverAsync(_nats.Url, replicas.Bucket);

        await replicas.StartAllAsync();

        Assert.Empty(await KvBuckets.RehearsalLeftoversAsync(_nats.Url, replicas.Bucket));
        Assert.Contains($"Removed scratch bucket {leftover}", replicas.Logs);
    }

    [Fact]
    public async Task Start_CompactsTheStartUpHeapOnceBeforeReportingReady()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);

        // A process's first collections under load would otherwise copy everything start-up left alive (Readiness).
        var logs = replicas.Logs;
        var compacted = logs.IndexOf("Compacted the start-up heap before taking traffic", StringComparison.Ordinal);
        Assert.True(compacted >= 0, logs);
        Assert.Equal(-1, logs.IndexOf("Compacted the start-up heap", compacted + 1, StringComparison.Ordinal));
        Assert.True(compacted < logs.IndexOf("Ready: every start-up gate is open", StringComparison.Ordinal), logs);
    }

    private async Task<long> KeyCountAsync(string bucket)
    {
        await using var conn = new NATS.Client.Core.NatsConnection(NATS.Client.Core.NatsOpts.Default with { Url = _nats.Url });
        var kv = new NATS.Client.KeyValueStore.NatsKVContext(new NATS.Client.JetStream.NatsJSContext(conn));
        var store = await kv.GetStoreAsync(bucket);
        var status = await store.GetStatusAsync();
        return status.Info.State.Messages;
    }

    [Fact]
    public async Task List_FromTheStart_HoldsReservedIdentitiesWithCiliumNumbers()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);

        var all = await replicas[0].GetFromJsonAsync<IdentityModel[]>("/v1/identities", CiliumJson.Options);

        for (var i = 0; i < ReservedNames.Length; i++)
        {
            var reserved = Assert.Single(all!, x => x.Id == i + 1);
            Assert.Equal([$"reserved:{ReservedNames[i]}"], reserved.Labels);
        }
        using var host = await PostAsync(replicas[0], "reserved:host");
        Assert.Equal(HttpStatusCode.OK, host.StatusCode);
        Assert.Equal(1, (await IdentityReplicas.ReadIdentityAsync(host)).Id);
    }

    [Fact]
    public async Task List_WithLabelQuery_ReturnsOnlyIdentitiesHavingEveryLabel()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        var ns = $"k8s:io.kubernetes.pod.namespace=query-{RunId.New()}";
        using var web = await PostAsync(replicas[0], "k8s:app=web", ns);
        using var db = await PostAsync(replicas[0], "k8s:app=db", ns);
        var webId = (await IdentityReplicas.ReadIdentityAsync(web)).Id;

        var both = await replicas[0].GetFromJsonAsync<IdentityModel[]>($"/v1/identities?label={Uri.EscapeDataString(ns)}", CiliumJson.Options);
        var onlyWeb = await replicas[0].GetFromJsonAsync<IdentityModel[]>($"/v1/identities?label={Uri.EscapeDataString(ns)}&label=k8s:app=web", CiliumJson.Options);
        using var badQuery = await replicas[0].GetAsync("/v1/identities?label=nosource");

        Assert.Equal(2, both!.Length);
        Assert.Equal(webId, Assert.Single(onlyWeb!).Id);
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
    }

    [Theory]
    [InlineData("""{"labels":[]}""", 400, "labels")]
    [InlineData("""{}""", 400, "labels")]
    [InlineData("""{"labels":["app=web"]}""", 400, "no source prefix")]
    [InlineData("""{"labels":["k8s:app=we b"]}""", 400, "value")]
    [InlineData("""{"labels":["k8s:-bad=x"]}""", 400, "key name")]
    [InlineData("""{"labels":["k8s:app=a","k8s:app=b"]}""", 400, "given twice")]
    [InlineData("""{"labels":["k8s:pod-template-hash=abc"]}""", 400, "no security-relevant label")]
    [InlineData("""{"labels":["reserved:host","k8s:app=x"]}""", 400, "reserved labels")]
    [InlineData("{\"labels\":[\"k8s:app=web\"", 400, "malformed JSON")]
    [InlineData("""{"labels":"k8s:app=web"}""", 400, "malformed JSON")]
    public async Task Allocate_BadInput_ProblemNamesTheFieldAndNothingIsStored(string body, int status, string reason)
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        var before = await CountAsync(replicas[0]);

        using var response = await replicas[0].PostAsync("/v1/identities", new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(replicas[0]));
        Assert.Equal(0, await BucketKeysAsync(replicas.Bucket));
    }

    [Fact]
    public async Task Allocate_ListJoinedIntoOneLabelAfterAValidList_IsStillRejected()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        using var valid = await PostAsync(replicas[0], "k8s:app=memo", "k8s:io.kubernetes.pod.namespace=memo");
        using var again = await PostAsync(replicas[0], "k8s:app=memo", "k8s:io.kubernetes.pod.namespace=memo");

        using var joined = await PostAsync(replicas[0], "k8s:app=memo\nk8s:io.kubernetes.pod.namespace=memo");

        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, joined.StatusCode);
    }

    [Fact]
    public async Task Allocate_BodyOverOneMebibyte_Is413AndNothingIsStored()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);
        var labels = string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"\"k8s:l{i}=v\""));

        using var response = await replicas[0].PostAsync("/v1/identities", new StringContent($"{{\"labels\":[{labels}]}}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("body", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await BucketKeysAsync(replicas.Bucket));
    }

    [Fact]
    public async Task Get_UnknownIdOrRoute_Is404Problem()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1);

        using var unknown = await replicas[0].GetAsync("/v1/identities/65000");
        using var route = await replicas[0].GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, route.StatusCode);
        Assert.Equal("application/problem+json", route.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Allocate_RangeExhausted_Is507NamingTheRange()
    {
        await using var replicas = await IdentityReplicas.StartAsync(_nats, 1, "--Identity:MaxLocalId=257", "--Cluster:Id=3");
        using var a = await PostAsync(replicas[0], "k8s:app=a", "k8s:io.kubernetes.pod.namespace=full");
        using var b = await PostAsync(replicas[0], "k8s:app=b", "k8s:io.kubernetes.pod.namespace=full");
        using var c = await PostAsync(replicas[0], "k8s:app=c", "k8s:io.kubernetes.pod.namespace=full");

        var ids = new[] { (await IdentityReplicas.ReadIdentityAsync(a)).Id, (await IdentityReplicas.ReadIdentityAsync(b)).Id };
        Assert.Equal([(3L << 16) | 256, (3L << 16) | 257], ids.Order().ToArray());
        Assert.Equal(HttpStatusCode.InsufficientStorage, c.StatusCode);
        Assert.Contains("196864..196865", await c.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, params string[] labels) =>
        client.PostAsJsonAsync("/v1/identities", new { labels });

    private static async Task<int> CountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<IdentityModel[]>("/v1/identities", CiliumJson.Options))!.Length;

    private async Task<int> BucketKeysAsync(string bucket)
    {
        await using var conn = new NATS.Client.Core.NatsConnection(NATS.Client.Core.NatsOpts.Default with { Url = _nats.Url });
        var kv = new NATS.Client.KeyValueStore.NatsKVContext(new NATS.Client.JetStream.NatsJSContext(conn));
        var store = await kv.GetStoreAsync(bucket);
        var count = 0;
        try
        {
            await foreach (var _ in store.GetKeysAsync())
            {
                count++;
            }
        }
        catch (NATS.Client.KeyValueStore.NatsKVException)
        {
        }
        return count;
    }
}
