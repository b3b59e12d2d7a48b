using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Cilium.Bpf.Diagnostics;

/// <summary>
/// Ethernet frames for <see cref="BpfProgram.TestRun"/>: enough of IPv4/IPv6 and TCP/UDP for the datapath to parse
/// (checksums are left zero; the programs do not verify them).
/// </summary>
public static class Packets
{
    public const byte Fin = 0x01;
    public const byte Syn = 0x02;
    public const byte Rst = 0x04;
    public const byte Psh = 0x08;
    public const byte Ack = 0x10;

    public static byte[] Tcp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, byte flags, int payload = 0)
    {
        var l4 = new byte[20 + payload];
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(0), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(2), destinationPort);
        l4[12] = 5 << 4;
        l4[13] = flags;
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(14), 65535);
        return Frame(source, destination, (byte)ProtocolType.Tcp, l4);
    }

    public static byte[] Udp(IPAddress source, ushort sourcePort, IPAddress destination, ushort destinationPort, int payload = 0)
    {
        var l4 = new byte[8 + payload];
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(0), sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(l4.AsSpan(4), (ushort)l4.Length);
        return Frame(source, destination, (byte)ProtocolType.Udp, l4);
    }

    private static byte[] Frame(IPAddress source, IPAddress destination, byte protocol, byte[] l4)
    {
        var v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        var ipLength = v6 ? 40 : 20;
        var frame = new byte[14 + ipLength + l4.Length];
        frame[0] = 0x02; // locally administered MACs
        frame[6] = 0x02;
        frame[11] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), v6 ? (ushort)0x86dd : (ushort)0x0800);
        var ip = frame.AsSpan(14);
        if (v6)
        {
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)l4.Length);
            ip[6] = protocol;
            ip[7] = 64;
            source.TryWriteBytes(ip[8..], out _);
            destination.TryWriteBytes(ip[24..], out _);
        }
        else
        {
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(20 + l4.Length));
            ip[8] = 64;
            ip[9] = protocol;
            source.TryWriteBytes(ip[12..], out _);
            destination.TryWriteBytes(ip[16..], out _);
        }
        l4.CopyTo(frame.AsSpan(14 + ipLength));
        return frame;
    }
}
