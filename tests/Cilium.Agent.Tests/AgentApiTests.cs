using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cilium.Contracts.Agent;
using Xunit;

namespace Cilium.Agent.Tests;

/// <summary>Every v1 path answers with Cilium's JSON names (<c>reference/CILIUM.md</c> 1.4), and bad input gets a problem, not a crash.</summary>
[Collection(AgentClusterCollection.Name)]
public sealed class AgentApiTests(AgentClusterFixture cluster)
{
    [Fact]
    public async Task Paths_AllOfThem_AnswerInCiliumShape()
    {
        var node = cluster.Nodes[0];
        var pod = cluster.CreatePod(node);
        var endpoint = await node.CreateEndpointAsync(pod, $"k8s:app=shape-{cluster.RunId}");
        var id = endpoint.Id;

        await HasAsync(node, "/v1/healthz", "cilium", "kvstore", "kubernetes", "ipam", "cluster", "identity-range", "bpf-maps", "datapath-mode");
        await HasAsync(node, "/v1/config", "spec", "status");
        await HasAsync(node, "/v1/cluster/nodes", "self", "nodes-added");
        await HasFirstAsync(node, "/v1/endpoint", "id", "spec", "status");
        var ep = await HasAsync(node, $"/v1/endpoint/{id}", "id", "spec", "status");
        foreach (var field in new[] { "state", "identity", "labels", "networking", "external-identifiers", "policy", "log", "health" })
        {
            Assert.True(ep.GetProperty("status").TryGetProperty(field, out _), $"status.{field} missing");
        }
        Assert.True(ep.GetProperty("status").GetProperty("external-identifiers").TryGetProperty("container-id", out _));
        Assert.True(ep.GetProperty("status").GetProperty("identity").TryGetProperty("labelsSHA256", out _));
        await HasAsync(node, $"/v1/endpoint/{id}/labels", "spec", "status");
        await HasAsync(node, $"/v1/endpoint/{id}/config", "realized");
        await HasAsync(node, $"/v1/endpoint/{id}/healthz", "bpf", "policy", "overallHealth", "connected");
        await HasFirstAsync(node, $"/v1/endpoint/{id}/log", "code", "message", "state", "timestamp");
        await HasFirstAsync(node, "/v1/identity", "id", "labels", "labelsSHA256");
        await HasAsync(node, $"/v1/identity/{endpoint.Status!.Identity!.Id}", "id", "labels", "labelsSHA256");
        await HasFirstAsync(node, "/v1/identity/endpoints", "identity", "refCount");
        await HasAsync(node, "/v1/policy", "policy", "revision");
        using (var selectors = await node.Client.GetAsync("/v1/policy/selectors"))
        {
            Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await selectors.Content.ReadAsStringAsync()).RootElement.ValueKind);
        }
        await HasAsync(node, "/v1/map", "maps");
        await HasAsync(node, $"/v1/map/cilium_policy_v2_{id:D5}", "path", "cache");
        await HasFirstAsync(node, "/v1/ip", "cidr", "identity");

        using var ipam = await node.Client.PostAsync("/v1/ipam?family=ipv4&owner=shape-test", null);
        Assert.Equal(HttpStatusCode.Created, ipam.StatusCode);
        var allocated = JsonDocument.Parse(await ipam.Content.ReadAsStringAsync()).RootElement;
        Assert.True(allocated.TryGetProperty("host-addressing", out _));
        var ip = allocated.GetProperty("address").GetProperty("ipv4").GetString()!;
        Assert.StartsWith($"198.18.{node.PodSubnet}.", ip, StringComparison.Ordinal);
        using var again = await node.Client.PostAsync($"/v1/ipam/{ip}?owner=someone-else", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using var released = await node.Client.DeleteAsync($"/v1/ipam/{ip}");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        using var specific = await node.Client.PostAsync($"/v1/ipam/{ip}?owner=someone-else", null);
        Assert.Equal(HttpStatusCode.OK, specific.StatusCode);
        using var byOwner = await node.Client.DeleteAsync("/v1/ipam/someone-else");
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/endpoint/not-a-number", null, 400)]
    [InlineData("GET", "/v1/endpoint/4096", null, 400)]
    [InlineData("GET", "/v1/endpoint/4000", null, 404)]
    [InlineData("GET", "/v1/endpoint/cep-name:missing-slash", null, 400)]
    [InlineData("PUT", "/v1/endpoint/0", "{\"state\":", 400)]
    [InlineData("PUT", "/v1/endpoint/0", "{\"state\":\"waiting-for-identity\",\"labels\":[\"k8s:app=x\"]}", 400)]
    [InlineData("PUT", "/v1/endpoint/0", "{\"state\":\"waiting-for-identity\",\"addressing\":{\"ipv4\":\"198.18.40.250\"},\"labels\":[\"app=nosource\"]}", 400)]
    [InlineData("PUT", "/v1/endpoint/0", "{\"state\":\"waiting-for-identity\",\"addressing\":{\"ipv4\":\"not-an-ip\"},\"labels\":[\"k8s:app=x\"]}", 400)]
    [InlineData("PUT", "/v1/endpoint/cep-name:a%2Fb", "{\"state\":\"waiting-for-identity\",\"addressing\":{\"ipv4\":\"198.18.40.251\"},\"labels\":[\"k8s:app=x\"]}", 400)]
    [InlineData("POST", "/v1/ipam?family=ipv7", null, 400)]
    [InlineData("POST", "/v1/ipam/203.0.113.1", null, 400)]
    [InlineData("DELETE", "/v1/ipam/198.18.40.252", null, 404)]
    [InlineData("GET", "/v1/identity/xyz", null, 400)]
    [InlineData("GET", "/v1/identity/99999", null, 404)]
    [InlineData("GET", "/v1/map/cilium_nothing", null, 404)]
    [InlineData("GET", "/v1/ip?cidr=nonsense", null, 400)]
    public async Task BadInput_AnyPath_IsAProblemAndTheAgentStaysHealthy(string method, string path, string? body, int status)
    {
        var node = cluster.Nodes[0];
        var before = (await node.Client.GetAsync<Endpoint[]>(AgentPaths.Endpoints)).Length;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await node.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await node.Client.GetAsync<Endpoint[]>(AgentPaths.Endpoints)).Length);
        using var health = await node.Client.GetAsync("/readyz");
        Assert.True(health.IsSuccessStatusCode);
    }

    private static async Task<JsonElement> HasAsync(AgentNode node, string path, params string[] fields)
    {
        using var response = await node.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        var root = JsonDocument.Parse(text).RootElement;
        foreach (var f in fields)
        {
            Assert.True(root.TryGetProperty(f, out _), $"{path}: '{f}' missing in {text[..Math.Min(text.Length, 400)]}");
        }
        return root;
    }

    private static async Task HasFirstAsync(AgentNode node, string path, params string[] fields)
    {
        using var response = await node.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        var first = JsonDocument.Parse(text).RootElement.EnumerateArray().First();
        foreach (var f in fields)
        {
            Assert.True(first.TryGetProperty(f, out _), $"{path}: '{f}' missing in {text[..Math.Min(text.Length, 400)]}");
        }
    }
}
