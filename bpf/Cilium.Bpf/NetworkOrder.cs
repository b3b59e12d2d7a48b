using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Cilium.Bpf;

/// <summary>
/// The one place where host and network byte order meet: every port in a key, value or event is stored as the
/// datapath sees it on the wire (big-endian), and every address as its raw bytes.
/// </summary>
public static class NetworkOrder
{
    /// <summary>The u16 as stored in a <c>__be16</c> field, from a host-order port.</summary>
    public static ushort Port(ushort hostOrder) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(hostOrder) : hostOrder;

    /// <summary>The host-order port from a <c>__be16</c> field.</summary>
    public static ushort HostPort(ushort networkOrder) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(networkOrder) : networkOrder;

    /// <summary>An ICMP/ICMPv6 type as it sits in the port field of a policy key (type &lt;&lt; 8).</summary>
    public static ushort IcmpType(byte type) => Port((ushort)(type << 8));

    /// <summary>The address's bytes into a 16-byte field (IPv4 in the first 4 bytes).</summary>
    public static void WriteAddress(IPAddress address, Span<byte> sixteen)
    {
        sixteen[..16].Clear();
        if (!address.TryWriteBytes(sixteen, out _))
        {
            throw new ArgumentException($"cannot write {address}", nameof(address));
        }
    }

    public static IPAddress ReadAddress(ReadOnlySpan<byte> sixteen, AddressFamily family) =>
        family == AddressFamily.InterNetwork ? new IPAddress(sixteen[..4]) : new IPAddress(sixteen[..16]);

    /// <summary>A <c>__be32</c> IPv4 field from an address.</summary>
    public static uint IPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"{address} is not IPv4", nameof(address));
        }
        Span<byte> b = stackalloc byte[4];
        address.TryWriteBytes(b, out _);
        return BitConverter.ToUInt32(b);
    }

    public static IPAddress IPv4(uint networkOrder)
    {
        Span<byte> b = stackalloc byte[4];
        BitConverter.TryWriteBytes(b, networkOrder);
        return new IPAddress(b);
    }
}
