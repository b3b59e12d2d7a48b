using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Datapath;

namespace Cilium.Dbg.Printing;

/// <summary>
/// One-line summaries of monitor events in the shape of <c>cilium-dbg monitor</c>'s default output
/// (<c>pkg/monitor/*.go</c> DumpInfo): <c>xx drop (…)</c>, <c>-> endpoint …</c>, <c>Policy verdict log: …</c>.
/// </summary>
public static class MonitorText
{
    public static string Format(MonitorEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var tuple = Tuple(e);
        var identities = $"identity {e.SourceIdentity}->{e.DestinationIdentity}";
        return e.Type switch
        {
            MonitorEventType.Drop =>
                $"xx drop ({e.DropReasonDesc ?? DropReasons.Describe(e.DropReason)}) flow 0x0 {(e.Direction == "egress" ? "from" : "to")} endpoint {e.EndpointId}, ifindex {e.Ifindex}, {identities}: {tuple}",
            MonitorEventType.Trace =>
                $"{ObservationPoint(e)} flow 0x0 , {identities} ifindex {e.Ifindex}: {tuple}",
            MonitorEventType.PolicyVerdict =>
                $"Policy verdict log: flow 0x0 local EP ID {e.EndpointId}, remote ID {(e.Direction == "egress" ? e.DestinationIdentity : e.SourceIdentity)}, " +
                $"proto {ProtocolNumber(e.Protocol)}, {e.Direction}, action {e.Verdict}, match {e.MatchType ?? "none"}, {tuple}",
            _ => $"{e.Type}: {identities}: {tuple}",
        };
    }

    private static string ObservationPoint(MonitorEvent e) => e.ObservationPoint switch
    {
        "to-endpoint" => $"-> endpoint {e.EndpointId}",
        "from-endpoint" => $"<- endpoint {e.EndpointId}",
        "to-stack" => "-> stack",
        "from-stack" => "<- stack",
        "to-host" => "-> host",
        "from-host" => "<- host",
        "to-overlay" => "-> overlay",
        "from-overlay" => "<- overlay",
        "to-network" => "-> network",
        "from-network" => "<- network",
        null or "" => $"-> endpoint {e.EndpointId}",
        var other => $"-> {other}",
    };

    private static string Tuple(MonitorEvent e)
    {
        var withPorts = e.Protocol is "tcp" or "udp" or "sctp";
        return $"{Address(e.SourceIp, e.SourcePort, withPorts)} -> {Address(e.DestinationIp, e.DestinationPort, withPorts)} {e.Protocol}".TrimEnd();
    }

    private static string Address(string? ip, int port, bool withPort)
    {
        var text = ip ?? "?";
        if (!withPort)
        {
            return text;
        }
        var host = text.Contains(':', StringComparison.Ordinal) ? $"[{text}]" : text;
        return $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    private static int ProtocolNumber(string? protocol) => protocol switch
    {
        "icmp" => 1,
        "tcp" => 6,
        "udp" => 17,
        "icmpv6" => 58,
        "sctp" => 132,
        _ => 0,
    };
}
