using System.Globalization;
using Cilium.Bpf.Maps;
using Cilium.Contracts.Agent;

namespace Cilium.Agent.Datapath;

/// <summary>
/// Renders kernel map entries as the <c>key</c>/<c>value</c> strings of Cilium's <c>BPFMapEntry</c>, in the forms
/// <c>cilium-dbg bpf …</c> prints: policy <c>"Ingress 1234 80/TCP"</c> -> <c>"Allow"</c>; ipcache
/// <c>"198.18.1.5/32"</c> -> <c>"identity=1234 encryptkey=0 tunnelendpoint=0.0.0.0 flags=&lt;none&gt;"</c>;
/// CT <c>"TCP OUT 198.18.1.5:40000 -> 198.18.2.5:8080"</c> -> <c>"expires=… Packets=… Bytes=… RxFlagsSeen=… TxFlagsSeen=… SourceSecurityID=… PolicyRevision=…"</c>;
/// metrics <c>"reason=0 direction=INGRESS"</c> -> <c>"packets=… bytes=…"</c>; endpoint state <c>"ifindex=12"</c> ->
/// <c>"id=1234 identity=5678 policy-revision=3"</c>.
/// </summary>
public static class MapFormatter
{
    public static BPFMapEntry EndpointState(uint ifindex, Cilium.Bpf.Maps.EndpointState state) =>
        new($"ifindex={ifindex}", $"id={state.LxcId} identity={state.SecIdentity} policy-revision={state.PolicyRevision}");

    public static BPFMapEntry Policy(PolicyKey key, PolicyEntry entry)
    {
        var direction = key.Egress == 1 ? "Egress" : "Ingress";
        var portPrefix = (int)key.PrefixLen - PolicyMap.StaticPrefix - (key.Protocol == 0 ? 0 : 8);
        var port = (ushort)((key.Dport >> 8) | (key.Dport << 8));
        string l4;
        if (key.Protocol == 0)
        {
            l4 = "ANY";
        }
        else if (portPrefix <= 0)
        {
            l4 = $"ANY/{Protocol(key.Protocol)}";
        }
        else if (portPrefix >= 16)
        {
            l4 = $"{port}/{Protocol(key.Protocol)}";
        }
        else
        {
            var last = port | (0xFFFF >> portPrefix);
            l4 = $"{port}-{last}/{Protocol(key.Protocol)}";
        }
        return new BPFMapEntry($"{direction} {key.SecLabel} {l4}", (entry.Flags & PolicyMap.FlagDeny) != 0 ? "Deny" : "Allow");
    }

    public static BPFMapEntry IpCache(System.Net.IPNetwork prefix, uint identity) =>
        new(prefix.ToString(), $"identity={identity} encryptkey=0 tunnelendpoint=0.0.0.0 flags=<none>");

    public static BPFMapEntry Ct(CtConnection c) => new(
        $"{Protocol(c.Protocol)} {(c.Direction == CtDirection.Egress ? "OUT" : "IN")} {Endpoint(c.Source, c.SourcePort)} -> {Endpoint(c.Destination, c.DestinationPort)}",
        string.Create(CultureInfo.InvariantCulture,
            $"expires={c.Entry.Lifetime} Packets={c.Entry.Packets} Bytes={c.Entry.Bytes} RxFlagsSeen=0x{c.Entry.RxFlagsSeen:x2} TxFlagsSeen=0x{c.Entry.TxFlagsSeen:x2} SourceSecurityID={c.Entry.SrcSecId} PolicyRevision={c.Entry.PolicyRevision}"));

    public static BPFMapEntry Metrics(MetricsCounter m) =>
        new($"reason={m.Reason} direction={m.Direction.ToString().ToUpperInvariant()}", $"packets={m.Packets} bytes={m.Bytes}");

    public static string Protocol(byte protocol) => protocol switch
    {
        1 => "ICMP",
        6 => "TCP",
        17 => "UDP",
        58 => "ICMPv6",
        132 => "SCTP",
        _ => protocol.ToString(CultureInfo.InvariantCulture),
    };

    private static string Endpoint(System.Net.IPAddress ip, ushort port) =>
        ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{ip}]:{port}" : $"{ip}:{port}";
}
