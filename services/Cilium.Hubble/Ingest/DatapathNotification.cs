using System.Net;

namespace Cilium.Hubble.Ingest;

/// <summary>
/// One event of the datapath, decoded by the agent from the eBPF ring buffer: the input of <see cref="FlowBuilder"/>.
/// Numbers keep the datapath's meaning (drop codes, trace points, IANA protocol numbers) so the agent copies fields
/// over without translating them.
/// </summary>
public sealed record DatapathNotification
{
    public required NotificationType Type { get; init; }

    /// <summary>When the datapath saw the packet (the agent converts the kernel's monotonic clock to wall time).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Drop code (130..): the reason of a <see cref="NotificationType.Drop"/>; for a policy verdict, non-zero means denied (133 or 181).</summary>
    public ushort DropReason { get; init; }

    /// <summary>A policy verdict that would have denied but the endpoint is in audit mode.</summary>
    public bool Audit { get; init; }

    public required IPAddress SourceIp { get; init; }
    public required IPAddress DestinationIp { get; init; }

    /// <summary>IANA protocol number: 6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, 132 SCTP.</summary>
    public byte Protocol { get; init; }
    public ushort SourcePort { get; init; }
    public ushort DestinationPort { get; init; }
    public TcpFlags TcpFlags { get; init; }
    public byte IcmpType { get; init; }
    public byte IcmpCode { get; init; }

    public uint SourceIdentity { get; init; }
    public uint DestinationIdentity { get; init; }

    /// <summary>The local endpoint the program ran for (0: none, e.g. from-network).</summary>
    public ushort EndpointId { get; init; }
    public PacketDirection Direction { get; init; }
    public TracePoint ObservationPoint { get; init; }
    public PolicyMatch MatchType { get; init; }

    /// <summary>Connection tracking's view: true for a reply, false for an original direction packet, null when unknown.</summary>
    public bool? IsReply { get; init; }
    public uint IfIndex { get; init; }
}
