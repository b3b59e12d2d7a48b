using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// One policy map key, 1:1 with Cilium's LPM key <c>{prefixlen, sec_label, egress, protocol, dport}</c>
/// (<c>pkg/maps/policymap/policymap.go</c>; the agent writes <see cref="LpmPrefixLength"/> as prefixlen and
/// <see cref="Port"/> in network order). Identity 0 is any peer; protocol 0 is any protocol and then the port is
/// wildcarded too (<see cref="Port"/> 0, <see cref="PortPrefixLength"/> 0). A port range is several keys, each an
/// aligned power-of-two block: <see cref="Port"/> with its top <see cref="PortPrefixLength"/> bits significant.
/// ICMP keys hold the type in the high byte of the port with prefix length 8 (any code).
/// </summary>
/// <remarks>
/// The datapath looks a packet up twice, with the peer's identity and with identity 0, each a longest-prefix match
/// over protocol and port; a deny from either wins, else an allow from either allows, else the packet is dropped.
/// The engine never leaves an allow key that a deny key of the same or the wildcard identity covers, so the
/// longest match never hides a deny (<c>pkg/policy/mapstate.go</c> does the same).
/// </remarks>
public readonly record struct PolicyKey(uint Identity, TrafficDirection Direction, byte Protocol, ushort Port, byte PortPrefixLength)
    : IComparable<PolicyKey>
{
    /// <summary>Bits of identity and direction, always significant.</summary>
    public const int StaticPrefixBits = 40;

    /// <summary>Full prefix length of a key with a protocol and an exact port.</summary>
    public const int FullPrefixBits = StaticPrefixBits + 8 + 16;

    /// <summary>The LPM trie prefix length of this key.</summary>
    public int LpmPrefixLength => Protocol == Protocols.Any ? StaticPrefixBits : StaticPrefixBits + 8 + PortPrefixLength;

    /// <summary>The last port of the block.</summary>
    public ushort EndPort => (ushort)(Port | (0xFFFF >> PortPrefixLength));

    /// <summary>A key matching every port and protocol for a peer.</summary>
    public static PolicyKey AnyPort(uint identity, TrafficDirection direction) => new(identity, direction, Protocols.Any, 0, 0);

    /// <summary>
    /// True when every packet this key matches is matched by <paramref name="narrower"/>'s cover: same direction, this
    /// identity is the other's or any, and this protocol/port block contains the other's.
    /// </summary>
    public bool Covers(PolicyKey narrower)
    {
        if (Direction != narrower.Direction || (Identity != 0 && Identity != narrower.Identity))
        {
            return false;
        }
        if (Protocol == Protocols.Any)
        {
            return true;
        }
        if (Protocol != narrower.Protocol || PortPrefixLength > narrower.PortPrefixLength)
        {
            return false;
        }
        var mask = PortPrefixLength == 0 ? 0 : (ushort)(0xFFFF << (16 - PortPrefixLength));
        return (narrower.Port & mask) == Port;
    }

    /// <summary>True when a packet to <paramref name="port"/> over <paramref name="protocol"/> falls in this key's block.</summary>
    public bool MatchesPort(byte protocol, ushort port) =>
        Protocol == Protocols.Any || (Protocol == protocol && port >= Port && port <= EndPort);

    public int CompareTo(PolicyKey other)
    {
        var c = Direction.CompareTo(other.Direction);
        if (c == 0) { c = Identity.CompareTo(other.Identity); }
        if (c == 0) { c = Protocol.CompareTo(other.Protocol); }
        if (c == 0) { c = Port.CompareTo(other.Port); }
        return c != 0 ? c : PortPrefixLength.CompareTo(other.PortPrefixLength);
    }

    /// <summary>Cilium's listing style: <c>ingress 1234 8080-8095/TCP</c>, <c>egress 0 ANY</c>.</summary>
    public override string ToString()
    {
        var direction = Direction == TrafficDirection.Ingress ? "ingress" : "egress";
        if (Protocol == Protocols.Any)
        {
            return $"{direction} {Identity} ANY";
        }
        var proto = Protocols.Name(Protocol);
        if (Protocols.IsIcmp(Protocol) && PortPrefixLength == 8)
        {
            return $"{direction} {Identity} {proto} type {Port >> 8}";
        }
        if (PortPrefixLength == 0)
        {
            return $"{direction} {Identity} */{proto}";
        }
        return PortPrefixLength == 16
            ? $"{direction} {Identity} {Port}/{proto}"
            : $"{direction} {Identity} {Port}-{EndPort}/{proto}";
    }
}
