using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Cilium.Cni.Network.Netlink;

/// <summary>
/// Builds one rtnetlink request: <c>struct nlmsghdr</c>, the family header, then attributes (<c>struct rtattr</c>,
/// 4-byte aligned, nestable). Host byte order throughout, as netlink wants; the layouts are those of
/// <c>linux/netlink.h</c>, <c>linux/rtnetlink.h</c>, <c>linux/if_link.h</c>, <c>linux/if_addr.h</c>, <c>linux/neighbour.h</c>.
/// </summary>
internal sealed class NetlinkMessage
{
    public const int HeaderLength = 16;

    private readonly List<byte> _bytes = new(256);
    private readonly Stack<int> _nests = new();

    public NetlinkMessage(ushort type, ushort flags, string description)
    {
        Type = type;
        Description = description;
        _bytes.AddRange(new byte[HeaderLength]);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(4, 2), type);
        BinaryPrimitives.WriteUInt16LittleEndian(Span(6, 2), flags);
    }

    public ushort Type { get; }

    /// <summary>What the request does, as <c>ip</c> would say it: named in errors.</summary>
    public string Description { get; }

    /// <summary><c>struct ifinfomsg</c>.</summary>
    public NetlinkMessage IfInfo(int index = 0, uint flags = 0, uint change = 0)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), change);
        return Raw(header);
    }

    /// <summary><c>struct ifaddrmsg</c>.</summary>
    public NetlinkMessage IfAddr(byte family, byte prefixLength, byte flags, byte scope, int index)
    {
        var header = new byte[8];
        header[0] = family;
        header[1] = prefixLength;
        header[2] = flags;
        header[3] = scope;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        return Raw(header);
    }

    /// <summary><c>struct rtmsg</c>.</summary>
    public NetlinkMessage Rt(byte family, byte dstLength, byte table, byte protocol, byte scope, byte type) =>
        Raw([family, dstLength, 0, 0, table, protocol, scope, type, 0, 0, 0, 0]);

    /// <summary><c>struct ndmsg</c>.</summary>
    public NetlinkMessage Nd(byte family, int index, ushort state)
    {
        var header = new byte[12];
        header[0] = family;
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), index);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), state);
        return Raw(header);
    }

    public NetlinkMessage Attr(ushort type, ReadOnlySpan<byte> value)
    {
        var length = 4 + value.Length;
        var header = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), type);
        _bytes.AddRange(header);
        _bytes.AddRange(value.ToArray());
        Align();
        return this;
    }

    public NetlinkMessage Attr(ushort type, string value) => Attr(type, Encoding.UTF8.GetBytes(value + "\0"));

    public NetlinkMessage Attr(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Attr(type, bytes);
    }

    public NetlinkMessage Attr(ushort type, IPAddress address) => Attr(type, address.GetAddressBytes());

    /// <summary>A MAC address in <c>aa:bb:cc:dd:ee:ff</c> form.</summary>
    public NetlinkMessage Mac(ushort type, string mac) => Attr(type, Convert.FromHexString(mac.Replace(":", "", StringComparison.Ordinal)));

    public NetlinkMessage BeginNest(ushort type)
    {
        _nests.Push(_bytes.Count);
        _bytes.AddRange([0, 0, (byte)type, (byte)(type >> 8)]);
        return this;
    }

    public NetlinkMessage EndNest()
    {
        var start = _nests.Pop();
        BinaryPrimitives.WriteUInt16LittleEndian(Span(start, 2), (ushort)(_bytes.Count - start));
        return this;
    }

    /// <summary>The finished bytes with length and sequence number filled in.</summary>
    public byte[] ToArray(uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(Span(0, 4), (uint)_bytes.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(Span(8, 4), sequence);
        return [.. _bytes];
    }

    private NetlinkMessage Raw(byte[] header)
    {
        _bytes.AddRange(header);
        Align();
        return this;
    }

    private void Align()
    {
        while (_bytes.Count % 4 != 0)
        {
            _bytes.Add(0);
        }
    }

    private Span<byte> Span(int offset, int length) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_bytes).Slice(offset, length);
}
