namespace Cilium.Bpf.Maps;

/// <summary>
/// An endpoint's policy map <c>cilium_policy_v2_&lt;epid&gt;</c> (LPM trie). Each entry says for a peer identity (0 = any),
/// a direction, a protocol (0 = any) and a port block whether traffic is allowed or denied. The entry's value records
/// how many protocol/port bits its key fixed, so the datapath can tell which of two matches is more specific.
/// After changing entries, bump the endpoint's revision (<see cref="EndpointDatapath.BumpPolicyRevision"/>) so that
/// established connections are judged again.
/// </summary>
public sealed class PolicyMap : IDisposable
{
    public const int StaticPrefix = 40;
    public const int FullPrefix = 64;
    public const byte FlagDeny = 0x01;
    public const int PrefixShift = 3;
    public const uint DefaultMaxEntries = 16384;

    public PolicyMap(BpfMap<PolicyKey, PolicyEntry> map, ushort endpointId)
    {
        Map = map;
        EndpointId = endpointId;
    }

    public BpfMap<PolicyKey, PolicyEntry> Map { get; }
    public ushort EndpointId { get; }

    /// <summary>The map and pin name Cilium uses: the endpoint id zero-padded to five digits.</summary>
    public static string MapName(ushort endpointId) => $"{MapNamePrefix}{endpointId:D5}";

    public const string MapNamePrefix = "cilium_policy_v2_";

    /// <summary>
    /// The key for a peer identity, a direction, a protocol (0 any) and a port block. <paramref name="portPrefixLength"/>
    /// is 16 for one port, 0 for any port of the protocol; ICMP types go in as <c>type &lt;&lt; 8</c> (use
    /// <see cref="NetworkOrder.IcmpType"/> semantics by passing <c>(ushort)(type &lt;&lt; 8)</c>).
    /// </summary>
    public static PolicyKey Key(uint identity, TrafficDirection direction, byte protocol = 0, ushort port = 0, int portPrefixLength = 16)
    {
        if (direction is not (TrafficDirection.Ingress or TrafficDirection.Egress))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "a policy entry is ingress or egress");
        }
        if (protocol == 0 && (port != 0 || portPrefixLength is not (0 or 16)))
        {
            throw new ArgumentException("the protocol can only be wildcarded together with the port", nameof(protocol));
        }
        if (port == 0 && protocol != 0 && portPrefixLength == 16)
        {
            // Port 0 means "any port of this protocol" as in Cilium's rules.
            portPrefixLength = 0;
        }
        if (portPrefixLength is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(portPrefixLength), portPrefixLength, "0..16");
        }
        var l4Bits = protocol == 0 ? 0 : 8 + portPrefixLength;
        var mask = portPrefixLength == 0 ? 0 : (ushort)(0xffff << (16 - portPrefixLength));
        return new PolicyKey
        {
            PrefixLen = (uint)(StaticPrefix + l4Bits),
            SecLabel = identity,
            Egress = direction == TrafficDirection.Egress ? (byte)1 : (byte)0,
            Protocol = protocol,
            Dport = NetworkOrder.Port((ushort)(port & mask)),
        };
    }

    /// <summary>The value for a key: deny or allow, with the key's protocol/port prefix length in the flags.</summary>
    public static PolicyEntry Entry(in PolicyKey key, bool deny, ushort proxyPort = 0, byte authType = 0, byte proxyPortPriority = 0) => new()
    {
        ProxyPort = NetworkOrder.Port(proxyPort),
        Flags = (byte)((deny ? FlagDeny : 0u) | ((key.PrefixLen - StaticPrefix) << PrefixShift)),
        AuthType = authType,
        ProxyPortPriority = proxyPortPriority,
    };

    public void Allow(uint identity, TrafficDirection direction, byte protocol = 0, ushort port = 0) =>
        Set(Key(identity, direction, protocol, port), deny: false);

    public void Deny(uint identity, TrafficDirection direction, byte protocol = 0, ushort port = 0) =>
        Set(Key(identity, direction, protocol, port), deny: true);

    /// <summary>Allows (or denies) ports <paramref name="first"/>..<paramref name="last"/>, one key per aligned block.</summary>
    public int SetPortRange(uint identity, TrafficDirection direction, byte protocol, ushort first, ushort last, bool deny = false)
    {
        var blocks = PortRange.ToPrefixes(first, last);
        foreach (var block in blocks)
        {
            Set(Key(identity, direction, protocol, block.Port, block.PrefixLength), deny);
        }
        return blocks.Count;
    }

    public void Set(in PolicyKey key, bool deny, ushort proxyPort = 0, byte authType = 0, byte proxyPortPriority = 0) =>
        Map.Update(key, Entry(key, deny, proxyPort, authType, proxyPortPriority));

    public bool Remove(in PolicyKey key) => Map.Delete(key);

    public IEnumerable<KeyValuePair<PolicyKey, PolicyEntry>> Entries() => Map.Iterate();

    public void Dispose() => Map.Dispose();
}
