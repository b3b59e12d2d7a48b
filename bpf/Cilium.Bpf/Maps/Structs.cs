using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

// The mirrors of bpf/include/cilium_maps.h, in one file as they are in one header. Field order, sizes and padding
// follow C's natural alignment (LayoutKind.Sequential does the same); tests compare every struct with the BTF of
// the compiled objects. Ports and addresses are in network order: convert with NetworkOrder.
#pragma warning disable CA1051 // public fields: these are wire layouts, not objects
#pragma warning disable CA1815 // equality is by bytes where it matters

namespace Cilium.Bpf.Maps;

// Must match struct ipcache_key in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct IpCacheKey
{
    public uint PrefixLen;
    public ushort ClusterId;
    public byte Pad1;
    public byte Family;
    public Bytes16 Ip;
}

// Must match struct ipcache_value in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct IpCacheValue
{
    public uint SecIdentity;
    public Bytes16 TunnelEndpoint;
    public ushort Pad;
    public byte Key;
    public byte Flags;
}

// Must match struct policy_key in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct PolicyKey
{
    public uint PrefixLen;
    public uint SecLabel;
    public byte Egress;
    public byte Protocol;
    public ushort Dport;
}

// Must match struct policy_entry in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct PolicyEntry
{
    public ushort ProxyPort;
    public byte Flags;
    public byte AuthType;
    public byte ProxyPortPriority;
    public byte Pad1;
    public ushort Pad2;
}

// Must match struct ct4_key in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct Ct4Key
{
    public uint Daddr;
    public uint Saddr;
    public ushort Dport;
    public ushort Sport;
    public byte NextHdr;
    public byte Flags;
}

// Must match struct ct6_key in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct Ct6Key
{
    public Bytes16 Daddr;
    public Bytes16 Saddr;
    public ushort Dport;
    public ushort Sport;
    public byte NextHdr;
    public byte Flags;
}

// Must match struct ct_entry in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct CtEntry
{
    public ulong Packets;
    public ulong Bytes;
    public uint Lifetime;
    public uint PolicyRevision;
    public uint SrcSecId;
    public ushort Flags;
    public byte TxFlagsSeen;
    public byte RxFlagsSeen;
}

// Must match struct metrics_key in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct MetricsKey
{
    public byte Reason;
    public byte Dir;
    public ushort Reserved;
}

// Must match struct metrics_value in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct MetricsValue
{
    public ulong Count;
    public ulong Bytes;
}

// Must match struct datapath_config in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct DatapathConfig
{
    public uint Aggregation;
    public uint ProgramHash;
}

// Must match struct endpoint_state in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public struct EndpointState
{
    public uint PolicyRevision;
    public uint Flags;
    public uint SecIdentity;
    public ushort LxcId;
    public ushort Pad;
}

// Must match struct flow_event in bpf/include/cilium_maps.h
[StructLayout(LayoutKind.Sequential)]
public partial struct FlowEvent
{
    public ulong TimestampNs;
    public byte Type;
    public byte Verdict;
    public byte DropReason;
    public byte Direction;
    public byte MatchType;
    public byte Family;
    public byte Protocol;
    public byte TcpFlags;
    public ushort EndpointId;
    public byte CtState;
    public byte AuthType;
    public ushort Sport;
    public ushort Dport;
    public uint Ifindex;
    public uint SrcIdentity;
    public uint DstIdentity;
    public uint PktLen;
    public ushort ProxyPort;
    public ushort Pad;
    public Bytes16 Saddr;
    public Bytes16 Daddr;
    public uint Reserved;
}

/// <summary>A <c>__u8 x[16]</c> field: an address (IPv4 in the first four bytes).</summary>
[InlineArray(16)]
public struct Bytes16
{
    private byte _element0;
}
