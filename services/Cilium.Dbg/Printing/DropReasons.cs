using System.Collections.Frozen;
using System.Globalization;

namespace Cilium.Dbg.Printing;

/// <summary>Cilium's text for numeric drop/metric reasons (<c>pkg/monitor/api/drop.go</c>), for <c>bpf metrics list</c>.</summary>
public static class DropReasons
{
    private static readonly FrozenDictionary<long, string> Names = new Dictionary<long, string>
    {
        [0] = "Success",
        [2] = "Invalid packet",
        [3] = "Interface",
        [130] = "Invalid source mac",
        [131] = "Invalid destination mac",
        [132] = "Invalid source ip",
        [133] = "Policy denied",
        [134] = "Invalid packet",
        [135] = "CT: Truncated or invalid header",
        [136] = "Fragmentation needed",
        [137] = "CT: Unknown L4 protocol",
        [138] = "CT: Can't create entry from packet",
        [139] = "Unsupported L3 protocol",
        [140] = "Missed tail call",
        [141] = "Error writing to packet",
        [142] = "Unknown L4 protocol",
        [143] = "Unknown ICMPv4 code",
        [144] = "Unknown ICMPv4 type",
        [145] = "Unknown ICMPv6 code",
        [146] = "Unknown ICMPv6 type",
        [150] = "Unknown L3 target address",
        [151] = "Stale or unroutable IP",
        [153] = "Error while correcting L3 checksum",
        [154] = "Error while correcting L4 checksum",
        [155] = "CT: Map insertion failed",
        [156] = "Invalid IPv6 extension header",
        [157] = "IP fragmentation not supported",
        [158] = "Service backend not found",
        [163] = "Unknown connection tracking state",
        [164] = "Local host is unreachable",
        [165] = "No configuration available to perform policy decision",
        [166] = "Unsupported L2 protocol",
        [169] = "FIB lookup failed",
        [171] = "Invalid identity",
        [172] = "Unknown sender",
        [175] = "First logical datagram fragment not found",
        [176] = "Forbidden ICMPv6 message",
        [181] = "Policy denied by denylist",
    }.ToFrozenDictionary();

    public static string Describe(long reason) =>
        Names.TryGetValue(reason, out var name) ? name : $"Unknown reason ({reason.ToString(CultureInfo.InvariantCulture)})";
}
