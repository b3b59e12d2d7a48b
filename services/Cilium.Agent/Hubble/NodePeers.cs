using Cilium.Contracts.Nodes;
using Cilium.Hubble.Peers;

namespace Cilium.Agent.Hubble;

/// <summary>
/// Keeps the Peer service's registry equal to the cluster's nodes that registered a Hubble address: like Cilium's
/// agent, every agent announces all nodes (from its node manager), so hubble-relay needs one Peer service only.
/// </summary>
public static class NodePeers
{
    /// <summary>Cilium's <c>Node.Fullname()</c>: <c>cluster/node</c>, or the bare node name in the cluster named <c>default</c>.</summary>
    public static string PeerName(string cluster, string node) =>
        string.IsNullOrEmpty(cluster) || cluster == "default" ? node : $"{cluster}/{node}";

    public static void Sync(PeerRegistry registry, IReadOnlyList<CiliumNode> nodes, string cluster)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(nodes);
        var wanted = nodes
            .Where(n => !string.IsNullOrEmpty(n.HubbleAddress))
            .Select(n => new HubblePeer(PeerName(cluster, n.Name), n.HubbleAddress!))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var gone in registry.Peers.Where(p => !wanted.ContainsKey(p.Name)))
        {
            registry.Remove(gone.Name);
        }
        foreach (var peer in wanted.Values)
        {
            registry.Upsert(peer);
        }
    }
}
