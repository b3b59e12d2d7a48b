using System.Net;
using System.Net.Sockets;

namespace Cilium.Bpf.Maps;

/// <summary>
/// The node's ipcache <c>cilium_ipcache_v2</c> (LPM trie): address prefix to security identity. The datapath takes
/// the longest matching prefix; an address with no match is <see cref="ReservedIdentity.World"/>.
/// </summary>
public sealed class IpCacheMap : IDisposable
{
    public const string Name = "cilium_ipcache_v2";
    public const int StaticPrefix = 32;
    public const byte FamilyIPv4 = 1;
    public const byte FamilyIPv6 = 2;
    public const uint DefaultMaxEntries = 512000;

    public IpCacheMap(BpfMap<IpCacheKey, IpCacheValue> map) => Map = map;

    public BpfMap<IpCacheKey, IpCacheValue> Map { get; }

    public static IpCacheKey Key(IPNetwork prefix)
    {
        var key = new IpCacheKey
        {
            PrefixLen = (uint)(StaticPrefix + prefix.PrefixLength),
            Family = prefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? FamilyIPv4 : FamilyIPv6,
        };
        NetworkOrder.WriteAddress(prefix.BaseAddress, key.Ip);
        return key;
    }

    public void Upsert(IPNetwork prefix, uint identity) => Map.Update(Key(prefix), new IpCacheValue { SecIdentity = identity });

    public void Upsert(string cidr, uint identity) => Upsert(IPNetwork.Parse(cidr), identity);

    public bool Delete(IPNetwork prefix) => Map.Delete(Key(prefix));

    /// <summary>The identity the datapath would give <paramref name="address"/> (longest prefix, else world).</summary>
    public uint Resolve(IPAddress address)
    {
        var full = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return Map.TryLookup(Key(new IPNetwork(address, full)), out var value) ? value.SecIdentity : ReservedIdentity.World;
    }

    public IEnumerable<(IPNetwork Prefix, uint Identity)> Entries()
    {
        foreach (var (key, value) in Map.Iterate())
        {
            var family = key.Family == FamilyIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            yield return (new IPNetwork(NetworkOrder.ReadAddress(key.Ip, family), (int)key.PrefixLen - StaticPrefix), value.SecIdentity);
        }
    }

    public void Dispose() => Map.Dispose();
}
