using Cilium.Contracts.Agent;

namespace Cilium.Agent.Tests;

internal static class MapReader
{
    /// <summary>The kernel's policy map of an endpoint, read through the agent, as "key => value" lines.</summary>
    public static async Task<HashSet<string>> PolicyAsync(AgentNode node, long endpointId)
    {
        var map = await node.Client.GetAsync<BPFMap>($"/v1/map/{AgentPaths.PolicyMapName(endpointId)}");
        return (map.Cache ?? []).Select(e => $"{e.Key} => {e.Value}").ToHashSet();
    }

    public static async Task<Dictionary<string, string>> IpCacheAsync(AgentNode node)
    {
        var map = await node.Client.GetAsync<BPFMap>("/v1/map/cilium_ipcache_v2");
        return (map.Cache ?? []).ToDictionary(e => e.Key, e => e.Value);
    }
}
