using System.Net.Http.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;

namespace Cilium.Endpoint.Tests;

/// <summary>Request bodies and calls the tests share. Addresses come from 198.18.0.0/15 and fd00::/8 only.</summary>
public static class Requests
{
    public static PutEndpointRequest Endpoint(string? ipv4, string? ipv6 = null, string node = "node-1", long endpointId = 100, long identity = 1000) =>
        new(node, endpointId, new EndpointAddressing(ipv4, ipv6), identity, ["k8s:app=web"], [new NamedPort("http", 80, "TCP")]);

    public static PutNodeRequest Node(params string[] podCidrs) =>
        new([new NodeAddress("InternalIP", "198.19.255.1")], podCidrs, new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" });

    public static Task<HttpResponseMessage> PutEndpointAsync(this HttpClient client, string ns, string name, PutEndpointRequest request) =>
        client.PutAsJsonAsync($"/v1/endpoints/{ns}/{name}", request, CiliumJson.Options);

    public static Task<HttpResponseMessage> PutNodeAsync(this HttpClient client, string name, PutNodeRequest request) =>
        client.PutAsJsonAsync($"/v1/nodes/{name}", request, CiliumJson.Options);

    public static async Task<CiliumEndpoint[]> ListEndpointsAsync(this HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<CiliumEndpoint[]>($"/v1/endpoints{query}", CiliumJson.Options))!;

    public static async Task<CiliumNode[]> ListNodesAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<CiliumNode[]>("/v1/nodes", CiliumJson.Options))!;
}
