using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Testing;
using Xunit;

namespace Cilium.Endpoint.Tests;

/// <summary>Endpoints as a user meets them: real executables, real nats-server, real HTTP.</summary>
public sealed class EndpointRegistryTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task Put_NewThenSameEndpoint_Is201Then200WithGrowingRevisionAndGetServesIt()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);

        using var created = await replicas[0].PutEndpointAsync("shop", "web-1", Requests.Endpoint("198.18.0.10", "fd00:0:0::0010"));
        var first = await EndpointReplicas.ReadEndpointAsync(created);
        using var replaced = await replicas[0].PutEndpointAsync("shop", "web-1", Requests.Endpoint("198.18.0.10", "fd00::10", endpointId: 101, identity: 2000) with
        {
            NamedPorts = [new NamedPort("dns", 53, "udp"), new NamedPort("metrics", 9090, null)],
        });
        var second = await EndpointReplicas.ReadEndpointAsync(replaced);
        var served = await replicas[0].GetFromJsonAsync<CiliumEndpoint>("/v1/endpoints/shop/web-1", CiliumJson.Options);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/endpoints/shop/web-1", created.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("fd00::10", first.Addressing.Ipv6);
        Assert.Equal(("shop", "web-1", "node-1", 100L, 1000L), (first.Namespace, first.Name, first.Node, first.EndpointId, first.Identity));
        Assert.True(first.Revision > 0);
        Assert.True(second.Revision > first.Revision);
        Assert.Equal(second.Revision, served!.Revision);
        Assert.Equal((101L, 2000L), (served.EndpointId, served.Identity));
        Assert.Equal([("dns", 53, "UDP"), ("metrics", 9090, "TCP")], served.NamedPorts.Select(p => (p.Name!, p.Port, p.Protocol!)).ToArray());
        Assert.Equal(["k8s:app=web"], served.Labels);
    }

    [Fact]
    public async Task List_WithFilters_ReturnsOnlyMatchingEndpointsFromAnyReplica()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 2);
        using (await replicas[0].PutEndpointAsync("shop", "a", Requests.Endpoint("198.18.1.1", node: "node-1", identity: 300)))
        using (await replicas[0].PutEndpointAsync("shop", "b", Requests.Endpoint("198.18.1.2", node: "node-2", identity: 300)))
        using (await replicas[0].PutEndpointAsync("bank", "c", Requests.Endpoint("198.18.1.3", node: "node-2", identity: 301)))
        {
        }

        // Written through replica 0, listed through replica 1: a list reflects every acknowledged write.
        var all = await replicas[1].ListEndpointsAsync();
        var onNode2 = await replicas[1].ListEndpointsAsync("?node=node-2");
        var inShop = await replicas[1].ListEndpointsAsync("?namespace=shop");
        var withIdentity = await replicas[1].ListEndpointsAsync("?identity=300&node=node-2");
        var none = await replicas[1].ListEndpointsAsync("?namespace=nowhere");
        using var badIdentity = await replicas[1].GetAsync("/v1/endpoints?identity=abc");

        Assert.Equal(["bank/c", "shop/a", "shop/b"], all.Select(e => $"{e.Namespace}/{e.Name}").ToArray());
        Assert.Equal(["c", "b"], onNode2.Select(e => e.Name).ToArray());
        Assert.Equal(["a", "b"], inShop.Select(e => e.Name).ToArray());
        Assert.Equal("b", Assert.Single(withIdentity).Name);
        Assert.Empty(none);
        Assert.Equal(HttpStatusCode.BadRequest, badIdentity.StatusCode);
        Assert.Contains("\"identity\"", await badIdentity.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Existing_Is204ThenUnknownAndItsIpIsFree()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using (await replicas[0].PutEndpointAsync("shop", "gone", Requests.Endpoint("198.18.2.1", "fd00::2:1")))
        {
        }

        using var deleted = await replicas[0].DeleteAsync("/v1/endpoints/shop/gone");
        using var get = await replicas[0].GetAsync("/v1/endpoints/shop/gone");
        using var again = await replicas[0].DeleteAsync("/v1/endpoints/shop/gone");
        using var reuse = await replicas[0].PutEndpointAsync("shop", "next", Requests.Endpoint("198.18.2.1", "fd00::2:1"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Created, reuse.StatusCode);
        Assert.Empty(await replicas[0].ListEndpointsAsync("?namespace=shop&node=nowhere"));
    }

    [Fact]
    public async Task Put_IpHeldByAnotherEndpoint_Is409NamingTheHolderAndNothingChanges()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using (await replicas[0].PutEndpointAsync("shop", "holder", Requests.Endpoint("198.18.3.1", "fd00::3:1")))
        {
        }

        using var v4 = await replicas[0].PutEndpointAsync("bank", "thief", Requests.Endpoint("198.18.3.1"));
        using var v6 = await replicas[0].PutEndpointAsync("bank", "thief", Requests.Endpoint("198.18.3.2", "fd00:0::3:1"));
        using var free = await replicas[0].PutEndpointAsync("bank", "honest", Requests.Endpoint("198.18.3.2"));

        Assert.Equal(HttpStatusCode.Conflict, v4.StatusCode);
        Assert.Equal("application/problem+json", v4.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await v4.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("shop/holder", problem.GetProperty("holder").GetString());
        Assert.Equal("addressing.ipv4", problem.GetProperty("field").GetString());
        Assert.Contains("shop/holder", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, v6.StatusCode);
        Assert.Contains("addressing.ipv6", await v6.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The refused put's IPv4 claim was rolled back, so another endpoint gets that IP at once.
        Assert.Equal(HttpStatusCode.Created, free.StatusCode);
        Assert.Equal(["holder", "honest"], (await replicas[0].ListEndpointsAsync()).Select(e => e.Name).Order().ToArray());
    }

    [Fact]
    public async Task Put_ReplacedWithNewIp_OldIpIsReleasedAndNewOneHeld()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1);
        using (await replicas[0].PutEndpointAsync("shop", "mover", Requests.Endpoint("198.18.4.1")))
        using (await replicas[0].PutEndpointAsync("shop", "mover", Requests.Endpoint("198.18.4.2")))
        {
        }

        using var old = await replicas[0].PutEndpointAsync("shop", "other", Requests.Endpoint("198.18.4.1"));
        using var held = await replicas[0].PutEndpointAsync("shop", "third", Requests.Endpoint("198.18.4.2"));

        Assert.Equal(HttpStatusCode.Created, old.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        Assert.Contains("shop/mover", await held.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_TwoReplicasRaceForOneIp_ExactlyOneEndpointWinsEachIp()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 2);
        const int Rounds = 10;
        const int Contenders = 6;

        var results = await Task.WhenAll(Enumerable.Range(0, Rounds).SelectMany(round => Enumerable.Range(0, Contenders).Select(async c =>
        {
            using var response = await replicas[c % 2].PutEndpointAsync($"race{round}", $"pod-{c}", Requests.Endpoint($"198.18.5.{round + 1}", $"fd00::5:{round + 1}", endpointId: c + 1));
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            return (Round: round, Name: $"pod-{c}", Won: response.StatusCode == HttpStatusCode.Created);
        })));

        var listed = await replicas[0].ListEndpointsAsync();
        for (var round = 0; round < Rounds; round++)
        {
            var winner = Assert.Single(results, r => r.Round == round && r.Won);
            var stored = Assert.Single(listed, e => e.Addressing.Ipv4 == $"198.18.5.{round + 1}");
            Assert.Equal((winner.Name, $"race{round}"), (stored.Name, stored.Namespace));
            Assert.Single(listed, e => e.Addressing.Ipv6 == $"fd00::5:{round + 1}");
        }
        Assert.Equal(Rounds, listed.Length);
    }

    [Fact]
    public async Task Delete_StaleRevision_Is409AndTheNewerRecordAndItsIpStay()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 2);
        using var v1 = await replicas[0].PutEndpointAsync("shop", "kept", Requests.Endpoint("198.18.6.1"));
        var first = await EndpointReplicas.ReadEndpointAsync(v1);
        using var v2 = await replicas[1].PutEndpointAsync("shop", "kept", Requests.Endpoint("198.18.6.1", identity: 4242));
        var second = await EndpointReplicas.ReadEndpointAsync(v2);

        using var byQuery = await replicas[0].DeleteAsync($"/v1/endpoints/shop/kept?revision={first.Revision}");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/v1/endpoints/shop/kept");
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{first.Revision}\"");
        using var byHeader = await replicas[1].SendAsync(request);
        using var thief = await replicas[0].PutEndpointAsync("bank", "thief", Requests.Endpoint("198.18.6.1"));
        var served = await replicas[1].GetFromJsonAsync<CiliumEndpoint>("/v1/endpoints/shop/kept", CiliumJson.Options);
        using var current = await replicas[0].DeleteAsync($"/v1/endpoints/shop/kept?revision={second.Revision}");

        Assert.Equal(HttpStatusCode.Conflict, byQuery.StatusCode);
        Assert.Contains($"revision {second.Revision}", await byQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, byHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, thief.StatusCode);
        Assert.Equal((second.Revision, 4242L), (served!.Revision, served.Identity));
        Assert.Equal(HttpStatusCode.NoContent, current.StatusCode);
    }

    [Fact]
    public async Task Put_IpClaimLeftByACrash_IsInFlightWithinTheGraceAndTakenOverAfterIt()
    {
        await using var replicas = await EndpointReplicas.StartAsync(_nats, 1, "--Endpoint:ClaimGrace=00:01:00");
        // What a replica leaves when it dies between its claim and its record: a claim whose holder has no record.
        // One made "just now" (in flight), one made long ago (abandoned); no waiting, so no timing in the test.
        var now = DateTimeOffset.UtcNow;
        await BucketAccess.PutAsync(_nats.Url, replicas.Bucket, "ip.198_2E18_2E7_2E1", Claim("ghost/fresh", now.AddMinutes(10)));
        await BucketAccess.PutAsync(_nats.Url, replicas.Bucket, "ip.198_2E18_2E7_2E3", Claim("ghost/old", now.AddMinutes(-10)));
        // And a claim whose holder's record moved on without naming the IP: stale at once.
        using (await replicas[0].PutEndpointAsync("shop", "moved", Requests.Endpoint("198.18.7.9")))
        {
        }
        await BucketAccess.PutAsync(_nats.Url, replicas.Bucket, "ip.198_2E18_2E7_2E2", Claim("shop/moved", now.AddMinutes(10)));

        using var inFlight = await replicas[0].PutEndpointAsync("shop", "heir", Requests.Endpoint("198.18.7.1"));
        using var abandoned = await replicas[0].PutEndpointAsync("shop", "heir", Requests.Endpoint("198.18.7.3"));
        using var stale = await replicas[0].PutEndpointAsync("shop", "other", Requests.Endpoint("198.18.7.2"));
        using var ghost = await replicas[0].GetAsync("/v1/endpoints/ghost/old");

        Assert.Equal(HttpStatusCode.Conflict, inFlight.StatusCode);
        Assert.Contains("ghost/fresh", await inFlight.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, abandoned.StatusCode);
        Assert.Equal("198.18.7.3", (await EndpointReplicas.ReadEndpointAsync(abandoned)).Addressing.Ipv4);
        Assert.Equal(HttpStatusCode.Created, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ghost.StatusCode);
    }

    private static string Claim(string holder, DateTimeOffset at) =>
        $$"""{"holder":"{{holder}}","basedOn":0,"writer":"crashed","at":"{{at:O}}"}""";
}
