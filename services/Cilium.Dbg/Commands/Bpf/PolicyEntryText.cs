using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Dbg.Client;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// One policy map entry read from its <see cref="BPFMapEntry"/> text. The agent writes key <c>"Ingress 1234 80/TCP"</c>
/// (direction, peer identity, <c>ANY</c> | <c>ANY/TCP</c> | <c>80/TCP</c> | <c>80-99/TCP</c>) and value <c>"Allow"</c> or
/// <c>"Deny"</c>, optionally followed by <c>proxyport=N authtype=N bytes=N packets=N prefixlen=N</c>. The
/// <c>identity=N direction=… protocol=N dport=N</c> key form is read as well.
/// </summary>
public sealed record PolicyEntryText(string Policy, string Direction, long Identity, string PortProto, long ProxyPort, string AuthType, long Bytes, long Packets, string Prefix)
{
    public static PolicyEntryText Parse(BPFMapEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = MapEntryFields.Parse(entry.Key);
        var value = MapEntryFields.Parse(entry.Value);
        var words = entry.Key.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string direction;
        long identity;
        string portProto;
        if (words.Length >= 2 && IsDirection(words[0]) && long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out identity))
        {
            direction = Title(words[0]);
            portProto = words.Length >= 3 ? words[2] : "ANY";
        }
        else
        {
            identity = key.Number(0, "identity");
            direction = (key["direction"] ?? "ingress") is var d && (d.Equals("egress", StringComparison.OrdinalIgnoreCase) || d == "1") ? "Egress" : "Ingress";
            portProto = PortProtoOf(key.Number(0, "protocol", "proto"), key.Number(0, "dport", "port"));
        }
        var firstValueWord = entry.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var deny = firstValueWord.Equals("Deny", StringComparison.OrdinalIgnoreCase)
            || string.Equals(value["action"], "deny", StringComparison.OrdinalIgnoreCase);
        var prefix = key["prefixlen"] ?? value["prefixlen"] ?? "";
        return new PolicyEntryText(
            deny ? "Deny" : "Allow",
            direction,
            identity,
            portProto,
            value.Number(0, "proxyport", "proxy-port"),
            AuthTypeName(value["authtype"] ?? value["auth-type"]),
            value.Number(0, "bytes"),
            value.Number(0, "packets"),
            prefix);
    }

    private static bool IsDirection(string word) =>
        word.Equals("Ingress", StringComparison.OrdinalIgnoreCase) || word.Equals("Egress", StringComparison.OrdinalIgnoreCase);

    private static string Title(string word) => word.Equals("Egress", StringComparison.OrdinalIgnoreCase) ? "Egress" : "Ingress";

    private static string PortProtoOf(long protocol, long port)
    {
        if (protocol == 0)
        {
            return "ANY";
        }
        var name = protocol switch
        {
            1 => "ICMP",
            6 => "TCP",
            17 => "UDP",
            58 => "ICMPv6",
            132 => "SCTP",
            _ => protocol.ToString(CultureInfo.InvariantCulture),
        };
        return port == 0 ? $"ANY/{name}" : $"{port}/{name}";
    }

    // Cilium's AuthType numbers (pkg/policy/types/auth.go): 0 disabled, 1 spire, 2 always-fail.
    private static string AuthTypeName(string? text) => text switch
    {
        null or "" or "0" => "disabled",
        "1" => "spire",
        "2" => "always-fail",
        _ => text,
    };
}
