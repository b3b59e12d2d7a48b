using System.Collections.Concurrent;
using System.Net;
using Cilium.Agent.Endpoints;
using Cilium.Hubble.Ingest;
using Cilium.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Hubble;

/// <summary>
/// Tells Hubble who is behind an address: a local endpoint (id, pod, labels) or a remote one learnt from the
/// endpoint events, else only the identity the ipcache gives. The same <see cref="EndpointInfo"/> instance is
/// returned while the endpoint is unchanged, so Hubble can reuse its encoded form.
/// </summary>
public sealed class AgentEndpointResolver(EndpointManager endpoints, AgentReconciler reconciler, IOptions<ClusterOptions> cluster) : IEndpointResolver
{
    private readonly ConcurrentDictionary<IPAddress, (string Key, EndpointInfo Info)> _cache = new();

    public EndpointInfo? ResolveIp(IPAddress ip)
    {
        string key;
        Func<EndpointInfo> build;
        var text = ip.ToString();
        var local = endpoints.All.FirstOrDefault(e => e.Ipv4 == text || e.Ipv6 == text);
        if (local is not null)
        {
            key = $"local/{local.Id}/{local.Identity}/{local.K8sNamespace}/{local.K8sPodName}";
            build = () => new EndpointInfo(local.Id, (uint)local.Identity, local.K8sNamespace ?? "", local.K8sPodName ?? "",
                local.IdentityLabels.Count > 0 ? local.IdentityLabels : local.Labels) { ClusterName = cluster.Value.Name };
        }
        else if (reconciler.RemoteEndpoint(ip) is { } remote)
        {
            key = $"remote/{remote.Node}/{remote.EndpointId}/{remote.Identity}/{remote.Namespace}/{remote.Name}";
            build = () => new EndpointInfo((ulong)remote.EndpointId, (uint)remote.Identity, remote.Namespace, remote.Name,
                reconciler.IdentityLabels((uint)remote.Identity)) { ClusterName = cluster.Value.Name };
        }
        else
        {
            return null;
        }
        if (_cache.TryGetValue(ip, out var cached) && cached.Key == key)
        {
            return cached.Info;
        }
        var info = build();
        _cache[ip] = (key, info);
        return info;
    }

    public IReadOnlyList<string> ResolveIdentity(uint identity) => reconciler.IdentityLabels(identity);
}
