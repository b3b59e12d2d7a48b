using System.Diagnostics.CodeAnalysis;

namespace Cilium.Core.Policy.Rules;

/// <summary>Entity names as written in policies.</summary>
public static class PolicyEntities
{
    private static readonly Dictionary<string, PolicyEntity> ByName = new(StringComparer.Ordinal)
    {
        ["all"] = PolicyEntity.All,
        ["world"] = PolicyEntity.World,
        ["world-ipv4"] = PolicyEntity.WorldIPv4,
        ["world-ipv6"] = PolicyEntity.WorldIPv6,
        ["cluster"] = PolicyEntity.Cluster,
        ["host"] = PolicyEntity.Host,
        ["remote-node"] = PolicyEntity.RemoteNode,
        ["kube-apiserver"] = PolicyEntity.KubeApiServer,
        ["init"] = PolicyEntity.Init,
        ["health"] = PolicyEntity.Health,
        ["unmanaged"] = PolicyEntity.Unmanaged,
        ["ingress"] = PolicyEntity.Ingress,
        ["none"] = PolicyEntity.None,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, [NotNullWhen(true)] out PolicyEntity? entity)
    {
        entity = null;
        if (name is not null && ByName.TryGetValue(name, out var e))
        {
            entity = e;
            return true;
        }
        return false;
    }
}
