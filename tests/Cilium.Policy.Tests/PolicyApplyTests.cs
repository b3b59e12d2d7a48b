using System.Net;
using Cilium.Testing;
using Xunit;

namespace Cilium.Policy.Tests;

/// <summary><c>POST /v1/policies</c>: several manifests at once, all or nothing, and the problems bad input gets.</summary>
public sealed class PolicyApplyTests : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task Start_RehearsesThePolicyPathsBeforeReady_WritingNothing()
    {
        await using var service = await PolicyService.StartAsync(_nats);

        Assert.Contains("Policy paths warmed up", service.Logs);
        Assert.Equal(0L, await service.RevisionAsync());
        Assert.Equal(0, (await service.GetJsonAsync("/v1/policies")).GetProperty("items").GetArrayLength());
        Assert.Empty(await EventsReader.ReadAllAsync(_nats.Url, "cilium.v1.policy.>"));
        Assert.Empty(await KvBuckets.RehearsalLeftoversAsync(_nats.Url, service.Bucket));
    }

    [Fact]
    public async Task Apply_MultiDocumentYaml_StoresEveryPolicyAtOneRevision()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        var yaml = string.Join("\n---\n", Manifests.CnpYaml("shop", "one"), Manifests.KnpYaml("shop", "two"), Manifests.CcnpYaml("three"));

        using var response = await service.ApplyAsync(PolicyService.Yaml(yaml));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await PolicyService.ReadJsonAsync(response);
        Assert.Equal(1, result.GetProperty("revision").GetInt64());
        Assert.Equal(["created", "created", "created"], result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("result").GetString()!).ToArray());
        Assert.Equal(1, (await service.GetJsonAsync(Manifests.PathOf("knp", "shop", "two"))).GetProperty("revision").GetInt64());
        Assert.Equal(1, (await service.GetJsonAsync(Manifests.PathOf("ccnp", "", "three"))).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Apply_JsonArrayThenChangedArray_ReportsCreatedConfiguredUnchanged()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using (await service.ApplyAsync(PolicyService.Json($"[{Manifests.CnpJson("shop", "a")},{Manifests.CnpJson("shop", "b")}]")))
        {
        }

        using var response = await service.ApplyAsync(PolicyService.Json($"[{Manifests.CnpJson("shop", "a")},{Manifests.CnpJson("shop", "b", port: 443)},{Manifests.CnpJson("shop", "c")}]"));

        var result = await PolicyService.ReadJsonAsync(response);
        Assert.Equal(2, result.GetProperty("revision").GetInt64());
        Assert.Equal(["unchanged", "configured", "created"], result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("result").GetString()!).ToArray());
        Assert.Equal(1, (await service.GetJsonAsync(Manifests.PathOf("cnp", "shop", "a"))).GetProperty("revision").GetInt64());
        Assert.Equal(2, (await service.GetJsonAsync(Manifests.PathOf("cnp", "shop", "b"))).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Apply_SecondDocumentInvalid_StoresNothingAndRevisionUnchanged()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using (await service.ApplyAsync(PolicyService.Yaml(Manifests.CnpYaml("shop", "existing"))))
        {
        }
        var yaml = string.Join("\n---\n", Manifests.CnpYaml("shop", "good"), Manifests.CnpYaml("shop", "bad", port: 70000), Manifests.CcnpYaml("also-good"));

        using var response = await service.ApplyAsync(PolicyService.Yaml(yaml));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await PolicyService.ReadJsonAsync(response);
        Assert.Equal(1, problem.GetProperty("document").GetProperty("index").GetInt32());
        Assert.Equal("bad", problem.GetProperty("document").GetProperty("name").GetString());
        Assert.Equal("CiliumNetworkPolicy", problem.GetProperty("document").GetProperty("kind").GetString());
        Assert.Equal("spec.ingress[0].toPorts[0].ports[0].port", problem.GetProperty("field").GetString());
        Assert.Contains("70000", problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("documents[1].spec.ingress[0].toPorts[0].ports[0].port", out _));
        Assert.Equal(1, await service.RevisionAsync());
        var names = (await service.GetJsonAsync("/v1/policies")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["existing"], names);
        // Nothing committed, so nothing published beyond the first apply.
        var events = await EventsReader.ReadAllAsync(_nats.Url, "cilium.v1.policy.>");
        Assert.DoesNotContain(events, e => e.Key.EndsWith("/good", StringComparison.Ordinal) || e.Key.EndsWith("/also-good", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string, int, string, string> BadInputs => new()
    {
        { "malformed YAML", "application/yaml", "kind: CiliumNetworkPolicy\nmetadata:\n  name: x\n   bad: indent\n", 400, "manifest", "line" },
        { "truncated YAML", "application/yaml", "kind: [CiliumNetworkPolicy\nmetadata: {", 400, "manifest", "unclosed" },
        { "unknown kind", "application/yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n", 422, "kind", "Pod" },
        { "bad selector operator", "application/json",
            """{"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"op"},"spec":{"endpointSelector":{"matchExpressions":[{"key":"app","operator":"Near"}]}}}""",
            422, "spec.endpointSelector.matchExpressions[0].operator", "Near" },
        { "bad port", "application/yaml", Manifests.CnpYaml("shop", "port", port: 65536), 422, "spec.ingress[0].toPorts[0].ports[0].port", "65536" },
        { "L7 http rules", "application/json",
            """{"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"l7"},"spec":{"endpointSelector":{},"ingress":[{"toPorts":[{"ports":[{"port":"80","protocol":"TCP"}],"rules":{"http":[{"method":"GET"}]}}]}]}}""",
            422, "spec.ingress[0].toPorts[0].rules.http", "not supported" },
        { "toFQDNs", "application/yaml",
            "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: fqdn}\nspec:\n  endpointSelector: {}\n  egress:\n  - toFQDNs:\n    - matchName: example.com\n",
            422, "spec.egress[0].toFQDNs", "not supported" },
        { "missing name", "application/yaml", "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nspec:\n  endpointSelector: {}\n", 422, "metadata.name", "required" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Apply_BadInput_ProblemNamesFieldAndStoresNothing(string what, string contentType, string body, int status, string field, string reasonPart)
    {
        await using var service = await PolicyService.StartAsync(_nats);

        using var response = await service.ApplyAsync(PolicyService.Body(body, contentType));

        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PolicyService.ReadJsonAsync(response);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(reasonPart, problem.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await service.RevisionAsync());
    }

    [Fact]
    public async Task Apply_UnsupportedContentType_Returns415NamingAcceptedTypes()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        using var response = await service.ApplyAsync(PolicyService.Body(Manifests.CnpJson("shop", "x"), "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/yaml", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_BodyOverLimit_Returns413AndStoresNothing()
    {
        await using var service = await PolicyService.StartAsync(_nats);
        var huge = Manifests.CnpYaml("shop", "big") + "\n# " + new string('x', 1_100_000) + "\n";

        using var response = await service.ApplyAsync(PolicyService.Yaml(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await service.RevisionAsync());
    }
}
