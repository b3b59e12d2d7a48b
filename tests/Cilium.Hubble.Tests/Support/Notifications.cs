using System.Net;
using Cilium.Contracts.Datapath;
using Cilium.Hubble.Ingest;

namespace Cilium.Hubble.Tests.Support;

/// <summary>Synthetic datapath notifications, as the agent will decode them from the eBPF ring buffer.</summary>
public static class Notifications
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static DatapathNotification Trace(string src, string dst, ushort dport = 80, TimeSpan? at = null, TcpFlags flags = TcpFlags.Syn, bool? reply = false) => new()
    {
        Type = NotificationType.Trace,
        Timestamp = T0 + (at ?? TimeSpan.Zero),
        SourceIp = IPAddress.Parse(src),
        DestinationIp = IPAddress.Parse(dst),
        Protocol = 6,
        SourcePort = 40000,
        DestinationPort = dport,
        TcpFlags = flags,
        SourceIdentity = 1001,
        DestinationIdentity = 1002,
        EndpointId = 7,
        Direction = PacketDirection.Ingress,
        ObservationPoint = TracePoint.ToEndpoint,
        IsReply = reply,
        IfIndex = 12,
    };

    public static DatapathNotification Drop(string src, string dst, ushort reason = DropReasons.PolicyDenied, TimeSpan? at = null) => new()
    {
        Type = NotificationType.Drop,
        Timestamp = T0 + (at ?? TimeSpan.Zero),
        DropReason = reason,
        SourceIp = IPAddress.Parse(src),
        DestinationIp = IPAddress.Parse(dst),
        Protocol = 6,
        SourcePort = 40001,
        DestinationPort = 8080,
        TcpFlags = TcpFlags.Syn,
        SourceIdentity = 1001,
        DestinationIdentity = 2,
        Direction = PacketDirection.Egress,
        IsReply = false,
    };

    public static DatapathNotification Udp(string src, string dst, ushort dport = 53, TimeSpan? at = null) => new()
    {
        Type = NotificationType.Trace,
        Timestamp = T0 + (at ?? TimeSpan.Zero),
        SourceIp = IPAddress.Parse(src),
        DestinationIp = IPAddress.Parse(dst),
        Protocol = 17,
        SourcePort = 50000,
        DestinationPort = dport,
        SourceIdentity = 1001,
        DestinationIdentity = 1003,
        Direction = PacketDirection.Egress,
        ObservationPoint = TracePoint.FromEndpoint,
        IsReply = false,
    };
}
