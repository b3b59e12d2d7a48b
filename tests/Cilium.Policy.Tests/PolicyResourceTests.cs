using System.Net;
using Cilium.Testing;
using Xunit;

namespace Cilium.Policy.Tests;

/// <summary>Create, replace, read, list and delete through the Kubernetes-style paths of each kind.</summary>
public sealed class PolicyResourceTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Theory]
    [InlineData("cnp", "json", "application/json")]
    [InlineData("cnp", "yaml", "application/yaml")]
    [InlineData("ccnp", "json", "application/json")]
    [InlineData("ccnp", "yaml", "text/yaml")]
    [InlineData("knp", "json", "application/json")]
    [InlineData("knp", "yaml", "application/x-yaml")]
    public async Task PutReplaceDelete_EachKindAndFormat_StoredServedAndRemovedWithRevisionBumps(string kind, string format, string contentType)
    {
        await using var service = await PolicyService.StartAsync(_nats);
        var path = Manifests.PathOf(kind, "shop", "allow-web");

        using var created = await service.PutAsync(path, PolicyService.Body(Manifests.Of(kind, format, "shop", "allow-web"), contentType));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var record = await PolicyService.ReadJsonAsync(created);
        Assert.Equal(1, record.GetProperty("revision").GetInt64());
        Assert.Equal("\"1\"", created.Headers.ETag?.ToString());

        var served = await service.GetJsonAsync(path);
        Assert.Equal(Manifests.KindName(kind), served.GetProperty("kind").GetString());
        Assert.Equal("allow-web", served.GetProperty("manifest").GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(kind == "ccnp" ? null : "shop", served.TryGetProperty("namespace", out var ns) ? ns.GetString() : null);

        using var replaced = await service.PutAsync(path, PolicyService.Body(Manifests.Of(kind, format, "shop", "allow-web", port: 8080), contentType));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(2, (await PolicyService.ReadJsonAsync(replaced)).GetProperty("revision").GetInt64());
        Assert.Contains("8080", (await service.GetJsonAsync(path)).GetProperty("manifest").GetRawText(), StringComparison.Ordinal);

        using var deleted = await service.Client.DeleteAsync(path);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var result = await PolicyService.ReadJsonAsync(deleted);
        Assert.Equal(3, result.GetProperty("revision").GetInt64());
        Assert.Equal("deleted", result.GetProperty("results")[0].GetProperty("result").GetString());
        using var gone = await service.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, await service.RevisionAsync());
    }

    [Fact]
    public async Task Put_SameManifestTwice_SecondIsUnchangedAndRevisionStays()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        var path = Manifests.PathOf("cnp", "shop", "same");
        using (await service.PutAsync(path, PolicyService.Yaml(Manifests.CnpYaml("shop", "same"))))
        {
        }
        // The same policy in the other format is the same policy.
        using var again = await service.PutAsync(path, PolicyService.Json(Manifests.CnpJson("shop", "same")));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await PolicyService.ReadJsonAsync(again)).GetProperty("revision").GetInt64());
        Assert.Equal(1, await service.RevisionAsync());
    }

    [Fact]
    public async Task Put_NameDiffersFromPath_Returns400NamingMetadataNameAndStoresNothing()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using var response = await service.PutAsync(Manifests.PathOf("cnp", "shop", "one"), PolicyService.Yaml(Manifests.CnpYaml("shop", "other")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await PolicyService.ReadJsonAsync(response);
        Assert.Equal("metadata.name", problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("metadata.name", out _));
        Assert.Equal(0, await service.RevisionAsync());
    }

    [Fact]
    public async Task Put_NamespaceDiffersFromPath_Returns400NamingMetadataNamespace()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using var response = await service.PutAsync(Manifests.PathOf("knp", "shop", "np"), PolicyService.Yaml(Manifests.KnpYaml("other", "np")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("metadata.namespace", (await PolicyService.ReadJsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task Put_ManifestWithoutNameOrNamespace_TakesBothFromPath()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        const string yaml = """
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            spec:
              endpointSelector:
                matchLabels:
                  app: web
              ingress:
              - fromEntities: [cluster]
            """;
        using var response = await service.PutAsync(Manifests.PathOf("cnp", "shop", "from-path"), PolicyService.Yaml(yaml));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var metadata = (await service.GetJsonAsync(Manifests.PathOf("cnp", "shop", "from-path"))).GetProperty("manifest").GetProperty("metadata");
        Assert.Equal("from-path", metadata.GetProperty("name").GetString());
        Assert.Equal("shop", metadata.GetProperty("namespace").GetString());
    }

    [Fact]
    public async Task Put_KindDiffersFromPath_Returns400NamingKind()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using var response = await service.PutAsync(Manifests.PathOf("knp", "shop", "x"), PolicyService.Yaml(Manifests.CnpYaml("shop", "x")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("kind", (await PolicyService.ReadJsonAsync(response)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task List_NamespacedClusterwideAndAll_ReturnOnlyMatchingPolicies()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        var all = string.Join("\n---\n",
            Manifests.CnpYaml("shop", "a"), Manifests.CnpYaml("shop", "b"), Manifests.CnpYaml("bank", "c"),
            Manifests.KnpYaml("shop", "d"), Manifests.CcnpYaml("e"));
        using (var applied = await service.ApplyAsync(PolicyService.Yaml(all)))
        {
            Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        }

        static string[] Names(System.Text.Json.JsonElement list) =>
            list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["a", "b"], Names(await service.GetJsonAsync("/v1/namespaces/shop/ciliumnetworkpolicies")));
        Assert.Equal(["a", "b", "c"], Names(await service.GetJsonAsync("/v1/ciliumnetworkpolicies")));
        Assert.Equal(["d"], Names(await service.GetJsonAsync("/v1/namespaces/shop/networkpolicies")));
        Assert.Equal(["e"], Names(await service.GetJsonAsync("/v1/ciliumclusterwidenetworkpolicies")));
        var everything = await service.GetJsonAsync("/v1/policies");
        Assert.Equal(["a", "b", "c", "d", "e"], Names(everything));
        Assert.Equal(1, everything.GetProperty("revision").GetInt64());
        Assert.Empty(Names(await service.GetJsonAsync("/v1/namespaces/nowhere/ciliumnetworkpolicies")));
    }

    [Fact]
    public async Task Delete_PolicyThatDoesNotExist_Returns404AndRevisionStays()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using var response = await service.Client.DeleteAsync(Manifests.PathOf("ccnp", "", "missing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await service.RevisionAsync());
    }
}
