using System.Collections.Concurrent;
using System.Net;
using Cilium.Contracts.Endpoints;
using Cilium.Core.Policy.Rules;
using EngineNamedPort = Cilium.Core.Policy.Engine.NamedPort;

namespace Cilium.Policy.Resolution;

/// <summary>
/// The cluster's endpoints by IP, from the endpoint events: the trace's ipcache (IP -> identity) and the named ports
/// of a destination. IPs no endpoint holds are left to the engine (CIDR identities, else world).
/// </summary>
public sealed class EndpointDirectory
{
    private readonly ConcurrentDictionary<IPAddress, CiliumEndpoint> _byIp = new();
    private readonly ConcurrentDictionary<string, IPAddress[]> _ipsByKey = new(StringComparer.Ordinal);

    public void Upsert(string key, CiliumEndpoint endpoint)
    {
        Remove(key);
        var ips = new[] { endpoint.Addressing?.Ipv4, endpoint.Addressing?.Ipv6 }
            .Select(t => IPAddress.TryParse(t, out var ip) ? ip : null)
            .OfType<IPAddress>()
            .ToArray();
        foreach (var ip in ips)
        {
            _byIp[ip] = endpoint;
        }
        _ipsByKey[key] = ips;
    }

    public void Remove(string key)
    {
        if (_ipsByKey.TryRemove(key, out var ips))
        {
            foreach (var ip in ips)
            {
                _byIp.TryRemove(ip, out _);
            }
        }
    }

    public uint? IdentityOf(IPAddress address) =>
        _byIp.TryGetValue(Normalize(address), out var endpoint) && endpoint.Identity > 0 ? (uint)endpoint.Identity : null;

    public IReadOnlyList<EngineNamedPort> NamedPortsOf(IPAddress address) =>
        _byIp.TryGetValue(Normalize(address), out var endpoint) ? Convert(endpoint) : [];

    /// <summary>Named ports of any endpoint with this identity: pods of one identity share a spec in practice.</summary>
    public IReadOnlyList<EngineNamedPort> NamedPortsOf(uint identity)
    {
        foreach (var endpoint in _byIp.Values)
        {
            if (endpoint.Identity == identity)
            {
                return Convert(endpoint);
            }
        }
        return [];
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static EngineNamedPort[] Convert(CiliumEndpoint endpoint) =>
        (endpoint.NamedPorts ?? [])
            .Where(p => !string.IsNullOrEmpty(p.Name) && p.Port is > 0 and <= ushort.MaxValue)
            .Select(p => new EngineNamedPort(p.Name!, (ushort)p.Port, Protocols.TryParse(p.Protocol ?? "TCP", out var proto) && proto != Protocols.Any ? proto.Value : Protocols.Tcp))
            .ToArray();
}
