using Cilium.Contracts.Agent;
using Xunit;

namespace Cilium.Agent.Tests;

[Collection(AgentClusterCollection.Name)]
public sealed class AgentEndpointTests(AgentClusterFixture cluster)
{
    [Fact]
    public async Task CreateEndpoint_ThroughSocket_ReadyWithIdentityAndAllowAllMap()
    {
        var node = cluster.Nodes[0];
        var pod = cluster.CreatePod(node);

        var endpoint = await node.CreateEndpointAsync(pod, $"k8s:app=plain-{cluster.RunId}");

        Assert.Equal(EndpointState.Ready, endpoint.Status!.State);
        Assert.InRange(endpoint.Id, 1, 4095);
        Assert.InRange(endpoint.Status.Identity!.Id, 256, 65535);
        Assert.Contains($"k8s:app=plain-{cluster.RunId}", endpoint.Status.Identity.Labels);
        Assert.Equal(pod.Ip, endpoint.Status.Networking!.Addressing![0].Ipv4);
        // No policy selects it: both directions unenforced, which the map says with allow-all keys.
        var map = await MapReader.PolicyAsync(node, endpoint.Id);
        Assert.Contains("Ingress 0 ANY => Allow", map);
        Assert.Contains("Egress 0 ANY => Allow", map);
        var ipcache = await MapReader.IpCacheAsync(node);
        Assert.StartsWith($"identity={endpoint.Status.Identity.Id} ", ipcache[$"{pod.Ip}/32"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateEndpoint_OnOneNode_AppearsInTheOtherNodesIpcache()
    {
        var pod = cluster.CreatePod(cluster.Nodes[0]);
        var endpoint = await cluster.Nodes[0].CreateEndpointAsync(pod, $"k8s:app=remote-{cluster.RunId}");

        var remote = await Eventually.UntilAsync(() => MapReader.IpCacheAsync(cluster.Nodes[1]), m => m.ContainsKey($"{pod.Ip}/32"));

        Assert.StartsWith($"identity={endpoint.Status!.Identity!.Id} ", remote[$"{pod.Ip}/32"], StringComparison.Ordinal);
        // Node addresses are known too: the other node as remote-node (6), itself as host (1).
        Assert.StartsWith("identity=6 ", remote["198.18.0.40/32"], StringComparison.Ordinal);
        Assert.StartsWith("identity=1 ", remote["198.18.0.41/32"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteEndpoint_ById_RemovesItsMapAndIpcacheEntry()
    {
        var node = cluster.Nodes[0];
        var pod = cluster.CreatePod(node);
        var endpoint = await node.CreateEndpointAsync(pod, $"k8s:app=gone-{cluster.RunId}");

        using var deleted = await node.Client.DeleteAsync($"/v1/endpoint/{endpoint.Id}");
        using var after = await node.Client.GetAsync($"/v1/endpoint/{endpoint.Id}");
        using var map = await node.Client.GetAsync($"/v1/map/{AgentPaths.PolicyMapName(endpoint.Id)}");

        Assert.True(deleted.IsSuccessStatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, map.StatusCode);
        Assert.DoesNotContain($"{pod.Ip}/32", (await MapReader.IpCacheAsync(node)).Keys);
    }

    [Fact]
    public async Task GetEndpoint_ByEveryIdForm_FindsTheSameEndpoint()
    {
        var node = cluster.Nodes[0];
        var pod = cluster.CreatePod(node);
        var endpoint = await node.CreateEndpointAsync(pod, $"k8s:app=forms-{cluster.RunId}");

        foreach (var id in new[] { $"{endpoint.Id}", $"cilium-local:{endpoint.Id}", $"cni-attachment-id:{pod.ContainerId}:eth0", $"cep-name:agent-test/{pod.Netns}", $"ipv4:{pod.Ip}", $"container-id:{pod.ContainerId}", $"pod-name:agent-test/{pod.Netns}" })
        {
            var found = await node.Client.GetAsync<Endpoint>(AgentPaths.Endpoint(id));
            Assert.Equal(endpoint.Id, found.Id);
        }
    }
}
