using System.Net;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Cilium.Endpoint.Tests;

/// <summary>Every bad request is a 400 problem naming the field by its JSON path, and stores nothing.</summary>
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    private const string Good = """ "node":"node-1","endpointId":7,"addressing":{"ipv4":"198.18.9.1"},"identity":300 """;

    [Theory]
    [InlineData("shop", "web", $$"""{ {{Good}}, "addressing":{"ipv4":"198.18.9.256"} }""", "addressing.ipv4")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "addressing":{"ipv4":"fd00::1"} }""", "addressing.ipv4")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "addressing":{"ipv4":"198.18.9"} }""", "addressing.ipv4")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "addressing":{"ipv6":"fd00::zz"} }""", "addressing.ipv6")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "addressing":{"ipv6":"::ffff:198.18.9.1"} }""", "addressing.ipv6")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "addressing":{} }""", "addressing")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "endpointId":0 }""", "endpointId")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "endpointId":4096 }""", "endpointId")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "identity":0 }""", "identity")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "identity":-5 }""", "identity")]
    [InlineData("shop", "web", """{"endpointId":7,"addressing":{"ipv4":"198.18.9.1"},"identity":300}""", "node")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "node":"Node_1" }""", "node")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "namedPorts":[{"name":"http","port":80},{"name":"dns","port":53,"protocol":"ICMP"}] }""", "namedPorts[1].protocol")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "namedPorts":[{"name":"http","port":0}] }""", "namedPorts[0].port")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "namedPorts":[{"name":"http","port":65536}] }""", "namedPorts[0].port")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "namedPorts":[{"name":"HTTP","port":80}] }""", "namedPorts[0].name")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "namedPorts":[{"name":"http","port":80},{"name":"http","port":81}] }""", "namedPorts[1].name")]
    [InlineData("shop", "web", $$"""{ {{Good}}, "labels":["k8s:app=web","app=nosource"] }""", "labels[1]")]
    [InlineData("Shop", "web", $$"""{ {{Good}} }""", "namespace")]
    [InlineData("shop", "web_1", $$"""{ {{Good}} }""", "name")]
    [InlineData("shop", "web", """{"node":"node-1",""", "body")]
    public async Task PutEndpoint_BadInput_Is400NamingTheFieldAndNothingIsStored(string ns, string name, string body, string field)
    {
        using var response = await fixture.Replicas[0].PutAsync($"/v1/endpoints/{ns}/{name}", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertNamesFieldAsync(response, field);
        Assert.Empty(await BucketAccess.KeysAsync(fixture.Nats.Url, fixture.Replicas.Bucket));
    }

    [Theory]
    [InlineData("node-1", """{"podCIDRs":["198.18.0.1/16"]}""", "podCIDRs[0]")]
    [InlineData("node-1", """{"podCIDRs":["198.18.0.0/24","198.18.0.0"]}""", "podCIDRs[1]")]
    [InlineData("node-1", """{"podCIDRs":["198.18.0.0/24","198.18.0.128/25"]}""", "podCIDRs[1]")]
    [InlineData("node-1", """{"podCIDRs":["fd00::/129"]}""", "podCIDRs[0]")]
    [InlineData("node-1", """{"addresses":[{"type":"InternalIP","ip":"198.18.0.1"},{"type":"Hostname","ip":"198.18.0.2"}]}""", "addresses[1].type")]
    [InlineData("node-1", """{"addresses":[{"type":"InternalIP","ip":"198.18.0.300"}]}""", "addresses[0].ip")]
    [InlineData("node-1", """{"labels":{"-bad":"x"}}""", "labels.-bad")]
    [InlineData("Node_1", """{"podCIDRs":["198.18.0.0/24"]}""", "name")]
    public async Task PutNode_BadInput_Is400NamingTheFieldAndNothingIsStored(string name, string body, string field)
    {
        using var response = await fixture.Replicas[0].PutAsync($"/v1/nodes/{name}", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertNamesFieldAsync(response, field);
        Assert.Empty(await BucketAccess.KeysAsync(fixture.Nats.Url, fixture.Replicas.Bucket));
    }

    [Theory]
    [InlineData("/v1/endpoints/shop/web?revision=abc", "revision")]
    [InlineData("/v1/endpoints/shop/web?revision=0", "revision")]
    [InlineData("/v1/nodes/node-1?revision=-1", "revision")]
    public async Task Delete_BadRevision_Is400NamingIt(string path, string field)
    {
        using var response = await fixture.Replicas[0].DeleteAsync(path);

        await AssertNamesFieldAsync(response, field);
    }

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"expected an error for '{field}', got {text}");
    }
}
