using Cilium.Contracts.Datapath;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Ingest;

namespace Cilium.Hubble.Flows;

/// <summary>The words Cilium uses for flows in compact output and metric labels (<c>pkg/monitor/api/types.go</c>).</summary>
public static class FlowNames
{
    private static readonly string[] TracePoints =
    [
        "to-endpoint", "to-proxy", "to-host", "to-stack", "to-overlay", "from-endpoint", "from-proxy", "from-host",
        "from-stack", "from-overlay", "from-network", "to-network", "from-crypto", "to-crypto",
    ];

    private static readonly string[] MatchTypes = ["none", "L3-Only", "L3-L4", "L4-Only", "all", "L3-Proto", "Proto-Only"];

    public static string TracePointName(int subType) =>
        (uint)subType < TracePoints.Length ? TracePoints[subType] : $"{subType}";

    public static string PolicyMatchName(uint matchType) =>
        matchType < MatchTypes.Length ? MatchTypes[matchType] : $"{matchType}";

    /// <summary>The wire observation point for a datapath trace sub type: <c>TRACE_TO_LXC</c> (0) is <c>TO_ENDPOINT</c> (101).</summary>
    public static TraceObservationPoint ObservationPoint(TracePoint point) =>
        point == TracePoint.ToEndpoint ? TraceObservationPoint.ToEndpoint : (TraceObservationPoint)(int)point;

    /// <summary>The metric <c>type</c> label: Trace, Drop, PolicyVerdict, L7, Capture, Debug or SockTrace.</summary>
    public static string EventTypeName(int monitorType) => monitorType switch
    {
        (int)NotificationType.Drop => "Drop",
        (int)NotificationType.Debug => "Debug",
        (int)NotificationType.Capture => "Capture",
        (int)NotificationType.Trace => "Trace",
        (int)NotificationType.PolicyVerdict => "PolicyVerdict",
        (int)NotificationType.TraceSock => "SockTrace",
        129 => "L7",
        _ => $"{monitorType}",
    };

    /// <summary>The metric <c>subtype</c> label: the trace point for traces, empty otherwise.</summary>
    public static string EventSubTypeName(CiliumEventType? eventType) =>
        eventType?.Type == (int)NotificationType.Trace ? TracePointName(eventType.SubType) : "";

    /// <summary>Compact output's event type column: <c>to-endpoint</c>, <c>policy-verdict:L3-L4 INGRESS</c>, a drop reason.</summary>
    public static string CompactType(Flow flow)
    {
        if (flow.L7 is not null)
        {
            return $"{flow.L7.RecordCase.ToString().ToLowerInvariant()}-{flow.L7.Type.ToString().ToLowerInvariant()}";
        }
        var type = flow.EventType?.Type ?? 0;
        return type switch
        {
            (int)NotificationType.Trace => TracePointName(flow.EventType!.SubType),
            (int)NotificationType.Drop => DropReasons.Describe(flow.EventType!.SubType),
            (int)NotificationType.PolicyVerdict =>
                $"policy-verdict:{PolicyMatchName(flow.PolicyMatchType)} {DirectionName(flow.TrafficDirection)}",
            _ => EventTypeName(type),
        };
    }

    public static string DirectionName(TrafficDirection direction) => direction switch
    {
        TrafficDirection.Ingress => "INGRESS",
        TrafficDirection.Egress => "EGRESS",
        _ => "UNKNOWN",
    };

    /// <summary>The summary Cilium puts in parentheses: <c>TCP Flags: SYN, ACK</c>, <c>UDP</c>, <c>ICMPv4 EchoRequest</c>.</summary>
    public static string Summary(Layer4? l4) => l4?.ProtocolCase switch
    {
        Layer4.ProtocolOneofCase.TCP => l4.TCP.Flags is { } f ? $"TCP Flags: {TcpFlagsText(f)}" : "TCP",
        Layer4.ProtocolOneofCase.UDP => "UDP",
        Layer4.ProtocolOneofCase.ICMPv4 => $"ICMPv4 {Icmp4TypeName(l4.ICMPv4.Type)}",
        Layer4.ProtocolOneofCase.ICMPv6 => $"ICMPv6 {Icmp6TypeName(l4.ICMPv6.Type)}",
        Layer4.ProtocolOneofCase.SCTP => "SCTP",
        _ => "",
    };

    /// <summary>Summaries of every TCP flag byte, made once: the ingest path must not build strings per flow.</summary>
    private static readonly string[] TcpSummaries = Enumerable.Range(0, 256).Select(b => $"TCP Flags: {TcpFlagsText(new TCPFlags
    {
        FIN = (b & 0x01) != 0, SYN = (b & 0x02) != 0, RST = (b & 0x04) != 0, PSH = (b & 0x08) != 0,
        ACK = (b & 0x10) != 0, URG = (b & 0x20) != 0, ECE = (b & 0x40) != 0, CWR = (b & 0x80) != 0,
    })}").ToArray();

    /// <summary>The cached TCP summary for a raw flag byte (FIN 0x01 ... CWR 0x80).</summary>
    public static string TcpSummary(byte flags) => TcpSummaries[flags];

    public static string TcpFlagsText(TCPFlags f)
    {
        Span<string> parts = new string[9];
        var n = 0;
        if (f.SYN) { parts[n++] = "SYN"; }
        if (f.FIN) { parts[n++] = "FIN"; }
        if (f.RST) { parts[n++] = "RST"; }
        if (f.PSH) { parts[n++] = "PSH"; }
        if (f.ACK) { parts[n++] = "ACK"; }
        if (f.URG) { parts[n++] = "URG"; }
        if (f.ECE) { parts[n++] = "ECE"; }
        if (f.CWR) { parts[n++] = "CWR"; }
        if (f.NS) { parts[n++] = "NS"; }
        return string.Join(", ", parts[..n].ToArray());
    }

    public static string Icmp4TypeName(uint type) => type switch
    {
        0 => "EchoReply",
        3 => "DestinationUnreachable",
        5 => "Redirect",
        8 => "EchoRequest",
        11 => "TimeExceeded",
        _ => $"{type}",
    };

    public static string Icmp6TypeName(uint type) => type switch
    {
        1 => "DestinationUnreachable",
        3 => "TimeExceeded",
        128 => "EchoRequest",
        129 => "EchoReply",
        135 => "NeighborSolicitation",
        136 => "NeighborAdvertisement",
        _ => $"{type}",
    };

    /// <summary>The L4 protocol name filters and metrics use: TCP, UDP, ICMPv4, ICMPv6, SCTP.</summary>
    public static string ProtocolName(Layer4? l4) => l4?.ProtocolCase switch
    {
        null or Layer4.ProtocolOneofCase.None => "",
        var c => c.Value.ToString(),
    };
}
