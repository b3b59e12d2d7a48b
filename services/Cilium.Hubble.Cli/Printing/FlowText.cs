using System.Globalization;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Flows;

namespace Cilium.Hubble.Cli.Printing;

/// <summary>The pieces of a printed flow, as hubble's printer shapes them (<c>hubble/pkg/printer</c>).</summary>
public static class FlowText
{
    /// <summary>Go's <c>time.StampMilli</c>: <c>Jan _2 15:04:05.000</c>, in the local time zone.</summary>
    public static string Time(Google.Protobuf.WellKnownTypes.Timestamp? time)
    {
        if (time is null)
        {
            return "N/A";
        }
        var local = time.ToDateTimeOffset().ToLocalTime();
        return local.ToString("MMM ", CultureInfo.InvariantCulture) + local.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)
            + local.ToString(" HH:mm:ss.fff", CultureInfo.InvariantCulture);
    }

    /// <summary><c>ns/pod:port</c> for a pod, else <c>ip:port</c> (<c>[v6]:port</c>); no port for port-less protocols.</summary>
    public static string Endpoint(Endpoint? endpoint, string? ip, uint port)
    {
        string host;
        if (endpoint is { PodName.Length: > 0 })
        {
            host = endpoint.Namespace.Length > 0 ? $"{endpoint.Namespace}/{endpoint.PodName}" : endpoint.PodName;
        }
        else
        {
            host = string.IsNullOrEmpty(ip) ? "N/A" : ip;
            if (port != 0 && host.Contains(':', StringComparison.Ordinal))
            {
                host = $"[{host}]";
            }
        }
        return port == 0 ? host : $"{host}:{port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary><c>(ID:1234)</c>, or the name of a reserved identity: <c>(world)</c>, <c>(host)</c>.</summary>
    public static string Identity(Endpoint? endpoint)
    {
        var id = endpoint?.Identity ?? 0;
        return ReservedIdentityNames.NameOf(id) is { } name ? $"({name})" : $"(ID:{id.ToString(CultureInfo.InvariantCulture)})";
    }

    public static (uint Source, uint Destination) Ports(Layer4? l4) => l4?.ProtocolCase switch
    {
        Layer4.ProtocolOneofCase.TCP => (l4.TCP.SourcePort, l4.TCP.DestinationPort),
        Layer4.ProtocolOneofCase.UDP => (l4.UDP.SourcePort, l4.UDP.DestinationPort),
        Layer4.ProtocolOneofCase.SCTP => (l4.SCTP.SourcePort, l4.SCTP.DestinationPort),
        _ => (0, 0),
    };

    public static string Verdict(Verdict verdict) => ProtoEnumNames<Verdict>.Name(verdict);

    public static string Summary(Flow flow)
    {
#pragma warning disable CS0612 // a flow from another producer may carry only the deprecated summary
        var legacy = flow.Summary;
#pragma warning restore CS0612
        var summary = FlowNames.Summary(flow.L4);
        return summary.Length > 0 ? summary : legacy;
    }

    /// <summary>Source, arrow and destination; a reply is flipped so the initiator stays on the left, as hubble does.</summary>
    public static (string Source, string Arrow, string Destination) Sides(Flow flow)
    {
        var (sport, dport) = Ports(flow.L4);
        var src = $"{Endpoint(flow.Source, flow.IP?.Source, sport)} {Identity(flow.Source)}";
        var dst = $"{Endpoint(flow.Destination, flow.IP?.Destination, dport)} {Identity(flow.Destination)}";
        return flow.IsReply switch
        {
            null => (src, "<>", dst),
            true => (dst, "<-", src),
            false => (src, "->", dst),
        };
    }
}
