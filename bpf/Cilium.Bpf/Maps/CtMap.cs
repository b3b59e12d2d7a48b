using System.Net;
using System.Net.Sockets;

namespace Cilium.Bpf.Maps;

/// <summary>Who opened a tracked connection, relative to the endpoint whose policy admitted it.</summary>
public enum CtDirection : byte
{
    /// <summary>The local endpoint opened it (its egress policy).</summary>
    Egress = 0,

    /// <summary>A peer opened it towards the local endpoint (its ingress policy).</summary>
    Ingress = 1,
}

/// <summary>One tracked connection, host-order.</summary>
public sealed record CtConnection(
    byte Protocol,
    IPAddress Source,
    ushort SourcePort,
    IPAddress Destination,
    ushort DestinationPort,
    CtDirection Direction,
    CtEntry Entry);

/// <summary>
/// The connection-tracking maps, split as Cilium splits them: TCP (<c>cilium_ct4_global</c>, <c>cilium_ct6_global</c>)
/// and everything else (<c>cilium_ct_any4_global</c>, <c>cilium_ct_any6_global</c>). Keys hold the tuple of the packet
/// that opened the connection.
/// </summary>
public sealed class CtMap : IDisposable
{
    public const string Tcp4Name = "cilium_ct4_global";
    public const string Any4Name = "cilium_ct_any4_global";
    public const string Tcp6Name = "cilium_ct6_global";
    public const string Any6Name = "cilium_ct_any6_global";
    public const uint DefaultTcpMaxEntries = 524288;
    public const uint DefaultAnyMaxEntries = 262144;

    public CtMap(BpfMap<Ct4Key, CtEntry> tcp4, BpfMap<Ct4Key, CtEntry> any4, BpfMap<Ct6Key, CtEntry> tcp6, BpfMap<Ct6Key, CtEntry> any6)
    {
        Tcp4 = tcp4;
        Any4 = any4;
        Tcp6 = tcp6;
        Any6 = any6;
    }

    public BpfMap<Ct4Key, CtEntry> Tcp4 { get; }
    public BpfMap<Ct4Key, CtEntry> Any4 { get; }
    public BpfMap<Ct6Key, CtEntry> Tcp6 { get; }
    public BpfMap<Ct6Key, CtEntry> Any6 { get; }

    public IEnumerable<CtConnection> Entries()
    {
        foreach (var (k, e) in Tcp4.Iterate().Concat(Any4.Iterate()))
        {
            yield return new CtConnection(k.NextHdr, NetworkOrder.IPv4(k.Saddr), NetworkOrder.HostPort(k.Sport),
                NetworkOrder.IPv4(k.Daddr), NetworkOrder.HostPort(k.Dport), (CtDirection)k.Flags, e);
        }
        foreach (var (k, e) in Tcp6.Iterate().Concat(Any6.Iterate()))
        {
            yield return new CtConnection(k.NextHdr, NetworkOrder.ReadAddress(k.Saddr, AddressFamily.InterNetworkV6), NetworkOrder.HostPort(k.Sport),
                NetworkOrder.ReadAddress(k.Daddr, AddressFamily.InterNetworkV6), NetworkOrder.HostPort(k.Dport), (CtDirection)k.Flags, e);
        }
    }

    /// <summary>Forgets every connection: the next packet of each is judged by policy again.</summary>
    public int Flush() => Tcp4.Clear() + Any4.Clear() + Tcp6.Clear() + Any6.Clear();

    public void Dispose()
    {
        Tcp4.Dispose();
        Any4.Dispose();
        Tcp6.Dispose();
        Any6.Dispose();
    }
}
