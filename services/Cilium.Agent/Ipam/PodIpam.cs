using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cilium.Core.Errors;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Ipam;

/// <summary>
/// Host-scope IPAM for the node's pod CIDRs (Cilium's <c>cluster-pool</c> as seen from one node): hands out each
/// address once, remembers the owner, and writes every change to the state dir before answering, so an
/// allocation survives an agent restart and no address is ever handed out twice. The first usable address of a
/// prefix is the node's router (gateway) address and never goes to a pod.
/// </summary>
public sealed class PodIpam
{
    private readonly object _gate = new();
    private readonly string _file;
    private readonly Dictionary<string, string> _allocations;
    private readonly ILogger<PodIpam> _logger;

    public PodIpam(IOptions<AgentOptions> options, ILogger<PodIpam> logger)
    {
        _logger = logger;
        var o = options.Value;
        V4 = string.IsNullOrEmpty(o.PodCidr) ? null : IPNetwork.Parse(o.PodCidr);
        V6 = string.IsNullOrEmpty(o.PodCidrV6) ? null : IPNetwork.Parse(o.PodCidrV6);
        _file = Path.Combine(o.StateDir, "ipam.json");
        _allocations = Load(_file);
    }

    public IPNetwork? V4 { get; }
    public IPNetwork? V6 { get; }

    /// <summary>The node's router address in the pod CIDR (the pods' gateway).</summary>
    public IPAddress? RouterV4 => V4 is { } n ? Offset(n.BaseAddress, 1) : null;
    public IPAddress? RouterV6 => V6 is { } n ? Offset(n.BaseAddress, 1) : null;

    public IReadOnlyDictionary<string, string> Allocations
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, string>(_allocations, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Allocates the next free address of <paramref name="family"/> for <paramref name="owner"/>.</summary>
    public IPAddress Allocate(AddressFamily family, string owner)
    {
        var network = (family == AddressFamily.InterNetworkV6 ? V6 : V4)
            ?? throw new InvalidInputException("family", $"{(family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4")} is not enabled on this node (no pod CIDR)");
        lock (_gate)
        {
            var size = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 1L << (32 - network.PrefixLength) : 1L << Math.Min(62, 128 - network.PrefixLength);
            // Skip the network address, the router (.1) and, for IPv4, the broadcast address.
            var last = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? size - 2 : size - 1;
            for (long i = 2; i <= last; i++)
            {
                var candidate = Offset(network.BaseAddress, i);
                var text = candidate.ToString();
                if (!_allocations.ContainsKey(text))
                {
                    _allocations[text] = owner;
                    Save();
                    return candidate;
                }
            }
        }
        throw new CapacityExhaustedException($"pod CIDR {network} is full");
    }

    /// <summary>Allocates a given address; a conflict when someone else holds it.</summary>
    public void AllocateSpecific(IPAddress address, string owner)
    {
        var network = address.AddressFamily == AddressFamily.InterNetworkV6 ? V6 : V4;
        if (network is not { } n || !n.Contains(address))
        {
            throw new InvalidInputException("ip", $"{address} is not in this node's pod CIDR ({V4?.ToString() ?? "-"}, {V6?.ToString() ?? "-"})");
        }
        if (address.Equals(n.BaseAddress) || address.Equals(Offset(n.BaseAddress, 1)))
        {
            throw new InvalidInputException("ip", $"{address} is the network or router address");
        }
        lock (_gate)
        {
            var text = address.ToString();
            if (_allocations.TryGetValue(text, out var holder))
            {
                if (holder == owner)
                {
                    return;
                }
                throw new ConflictException($"IP {text} is already allocated to {holder}");
            }
            _allocations[text] = owner;
            Save();
        }
    }

    /// <summary>Releases an address, or every address of an owner when <paramref name="ipOrOwner"/> is not an IP (Cilium's DELETE /ipam/{ip} accepts both).</summary>
    public int Release(string ipOrOwner)
    {
        lock (_gate)
        {
            var keys = IPAddress.TryParse(ipOrOwner, out var ip)
                ? _allocations.ContainsKey(ip.ToString()) ? [ip.ToString()] : []
                : _allocations.Where(a => a.Value == ipOrOwner).Select(a => a.Key).ToArray();
            foreach (var k in keys)
            {
                _allocations.Remove(k);
            }
            if (keys.Length > 0)
            {
                Save();
            }
            return keys.Length;
        }
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var temp = _file + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(new IpamState(_allocations)));
        File.Move(temp, _file, overwrite: true);
    }

    private Dictionary<string, string> Load(string file)
    {
        if (!File.Exists(file))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        var state = JsonSerializer.Deserialize<IpamState>(File.ReadAllText(file));
        _logger.LogInformation("Restored {Count} IPAM allocations from {File}", state?.Allocations.Count ?? 0, file);
        return new Dictionary<string, string>(state?.Allocations ?? [], StringComparer.Ordinal);
    }

    private static IPAddress Offset(IPAddress baseAddress, long offset)
    {
        var bytes = baseAddress.GetAddressBytes();
        var carry = offset;
        for (var i = bytes.Length - 1; i >= 0 && carry > 0; i--)
        {
            var sum = bytes[i] + (carry & 0xFF);
            bytes[i] = (byte)sum;
            carry = (carry >> 8) + (sum >> 8);
        }
        return new IPAddress(bytes);
    }
}
