using System.Net;
using System.Text.Json;
using Cilium.Contracts.Events;
using Cilium.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;
using Xunit;

namespace Cilium.Policy.Tests;

/// <summary>Concurrent writers, stale writes, crashes mid-batch, restarts, and the events of committed changes.</summary>
public sealed class PolicyConsistencyTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task Put_ConcurrentWritersWithSameIfMatch_ExactlyOneWinsOthersGet412()
    {
        await using var service = await PolicyService.StartAsync(_nats, replicas: 2);
        var path = Manifests.PathOf("cnp", "shop", "contended");
        using (var first = await service.PutAsync(path, PolicyService.Yaml(Manifests.CnpYaml("shop", "contended"))))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var response = await service.PutAsync(path, PolicyService.Yaml(Manifests.CnpYaml("shop", "contended", port: 9000 + i)), ifMatch: 1, replica: i % 2);
            return (Port: 9000 + i, response.StatusCode);
        }));

        var winner = Assert.Single(attempts, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(attempts.Where(a => a != winner), a => Assert.Equal(HttpStatusCode.PreconditionFailed, a.StatusCode));
        var stored = await service.GetJsonAsync(path);
        Assert.Equal(2, stored.GetProperty("revision").GetInt64());
        Assert.Contains($"\"{winner.Port}\"", stored.GetProperty("manifest").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_TwoReplicasManyConcurrentWrites_EachCommitGetsItsOwnRevisionAndNoneIsLost()
    {
        await using var service = await PolicyService.StartAsync(_nats, replicas: 2);

        var revisions = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var response = await service.PutAsync(Manifests.PathOf("cnp", "ns" + (i % 3), $"p{i}"), PolicyService.Json(Manifests.CnpJson("ns" + (i % 3), $"p{i}")), replica: i % 2);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await PolicyService.ReadJsonAsync(response)).GetProperty("revision").GetInt64();
        }));

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), revisions.Order());
        var list = await service.GetJsonAsync("/v1/policies");
        Assert.Equal(30, list.GetProperty("revision").GetInt64());
        Assert.Equal(30, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Get_RightAfterPutThroughTheOtherReplica_FindsThePolicy()
    {
        await using var service = await PolicyService.StartAsync(_nats, replicas: 2);

        for (var i = 0; i < 10; i++)
        {
            var path = Manifests.PathOf("cnp", "shop", $"read-{i}");
            using var put = await service.PutAsync(path, PolicyService.Json(Manifests.CnpJson("shop", $"read-{i}")), replica: 1);
            Assert.True(put.StatusCode == HttpStatusCode.Created, await put.Content.ReadAsStringAsync());
            var written = (await PolicyService.ReadJsonAsync(put)).GetProperty("revision").GetInt64();

            // Replica 0 learns of the write only through its KV watcher; the read barrier makes the GET wait for it.
            using var get = await service[0].GetAsync(path);
            Assert.True(get.StatusCode == HttpStatusCode.OK, $"GET {path} through the other replica: {(int)get.StatusCode} {await get.Content.ReadAsStringAsync()}");
            Assert.Equal(written, (await PolicyService.ReadJsonAsync(get)).GetProperty("revision").GetInt64());
        }
    }

    [Fact]
    public async Task Start_BatchLeftPendingByCrashedWriter_IsFinishedAndServedWhole()
    {
        // A writer that died after its commit point: the revision key records the batch, one of its two policy keys
        // is written, the other is not. Model exactly that state in the bucket, then start the service.
        await using var service = await PolicyService.StartAsync(_nats);
        using (await service.PutAsync(Manifests.PathOf("cnp", "shop", "before"), PolicyService.Yaml(Manifests.CnpYaml("shop", "before"))))
        {
        }
        await service.KillAllAsync();
        var a = Record("CiliumNetworkPolicy", "shop", "crash-a", 2);
        var b = Record("CiliumNetworkPolicy", "shop", "crash-b", 2);
        await using (var conn = new NatsConnection(NatsOpts.Default with { Url = _nats.Url }))
        {
            var kv = await new NatsKVContext(new NatsJSContext(conn)).GetStoreAsync(service.Bucket);
            var revision = await kv.GetEntryAsync<byte[]>("revision");
            var pending = "{\"revision\":1,\"pending\":{\"revision\":2,\"writes\":[{\"key\":\"p.CiliumNetworkPolicy.shop.crash-a\",\"expected\":0,\"value\":" + a + "},{\"key\":\"p.CiliumNetworkPolicy.shop.crash-b\",\"expected\":0,\"value\":" + b + "}]}}";
            await kv.UpdateAsync("revision", System.Text.Encoding.UTF8.GetBytes(pending), revision.Revision);
            await kv.CreateAsync("p.CiliumNetworkPolicy.shop.crash-a", System.Text.Encoding.UTF8.GetBytes(a));
        }

        await service.StartAllAsync();

        var list = await service.GetJsonAsync("/v1/policies");
        Assert.Equal(2, list.GetProperty("revision").GetInt64());
        Assert.Equal(["before", "crash-a", "crash-b"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray());
        // The next write builds on the finished batch.
        using var next = await service.PutAsync(Manifests.PathOf("cnp", "shop", "after"), PolicyService.Yaml(Manifests.CnpYaml("shop", "after")));
        Assert.Equal(3, (await PolicyService.ReadJsonAsync(next)).GetProperty("revision").GetInt64());
        var events = await EventsReader.WaitForAsync(_nats.Url, "cilium.v1.policy.>", e => e.Count >= 4);
        Assert.Single(events, e => e.Key == "CiliumNetworkPolicy/shop/crash-a");
        Assert.Single(events, e => e.Key == "CiliumNetworkPolicy/shop/crash-b");
    }

    [Fact]
    public async Task Restart_ServiceAndNatsKilled_PoliciesAndRevisionSurvive()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        var yaml = string.Join("\n---\n", Manifests.CnpYaml("shop", "keep"), Manifests.CcnpYaml("keep-cw"), Manifests.KnpYaml("bank", "keep-np"));
        using (await service.ApplyAsync(PolicyService.Yaml(yaml)))
        {
        }
        using (await service.Client.DeleteAsync(Manifests.PathOf("ccnp", "", "keep-cw")))
        {
        }
        var before = await service.GetJsonAsync("/v1/policies");

        await service.KillAllAsync();
        await _nats.RestartAsync(kill: true);
        await service.StartAllAsync();

        var after = await service.GetJsonAsync("/v1/policies");
        Assert.Equal(2, after.GetProperty("revision").GetInt64());
        Assert.Equal(before.GetRawText(), after.GetRawText());
        using var next = await service.PutAsync(Manifests.PathOf("cnp", "shop", "keep"), PolicyService.Yaml(Manifests.CnpYaml("shop", "keep", port: 81)));
        Assert.Equal(3, (await PolicyService.ReadJsonAsync(next)).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Events_EveryCommittedChange_PublishedOnceWithRevisionAndManifest()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using (await service.ApplyAsync(PolicyService.Yaml(string.Join("\n---\n", Manifests.CnpYaml("shop", "ev"), Manifests.CcnpYaml("ev-cw")))))
        {
        }
        using (await service.PutAsync(Manifests.PathOf("cnp", "shop", "ev"), PolicyService.Yaml(Manifests.CnpYaml("shop", "ev", port: 8443))))
        {
        }
        using (await service.PutAsync(Manifests.PathOf("cnp", "shop", "ev"), PolicyService.Yaml(Manifests.CnpYaml("shop", "ev", port: 8443))))
        {
            // unchanged: no commit, no event
        }
        using (await service.Client.DeleteAsync(Manifests.PathOf("ccnp", "", "ev-cw")))
        {
        }

        var cnp = await EventsReader.WaitForAsync(_nats.Url, "cilium.v1.policy.CiliumNetworkPolicy.shop.ev", e => e.Count >= 2);
        var ccnp = await EventsReader.WaitForAsync(_nats.Url, "cilium.v1.policy.CiliumClusterwideNetworkPolicy._.ev-cw", e => e.Count >= 2);

        Assert.Equal(2, cnp.Count);
        Assert.All(cnp, e => Assert.Equal(EventOps.Upsert, e.Op));
        Assert.All(cnp, e => Assert.Equal("policy", e.Kind));
        Assert.All(cnp, e => Assert.Equal("CiliumNetworkPolicy/shop/ev", e.Key));
        Assert.Equal([1L, 2L], cnp.Select(e => e.Data!.Value.GetProperty("revision").GetInt64()).ToArray());
        Assert.Contains("8443", cnp[1].Data!.Value.GetProperty("manifest").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("CiliumNetworkPolicy", cnp[1].Data!.Value.GetProperty("manifest").GetProperty("kind").GetString());
        Assert.Equal([EventOps.Upsert, EventOps.Delete], ccnp.Select(e => e.Op).ToArray());
        Assert.Equal("CiliumClusterwideNetworkPolicy/ev-cw", ccnp[0].Key);
        Assert.Null(ccnp[1].Data);
        var all = await EventsReader.ReadAllAsync(_nats.Url, "cilium.v1.policy.>");
        Assert.Equal(4, all.Count);
    }

    private static string Record(string kind, string ns, string name, long revision) =>
        JsonSerializer.Serialize(new
        {
            kind,
            @namespace = ns,
            name,
            revision,
            manifest = JsonDocument.Parse(Manifests.CnpJson(ns, name)).RootElement,
        });
}
