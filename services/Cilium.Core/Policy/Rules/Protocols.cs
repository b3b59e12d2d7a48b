using System.Diagnostics.CodeAnalysis;

namespace Cilium.Core.Policy.Rules;

/// <summary>IP protocol numbers of the L4 protocols a policy can name (<c>pkg/policy/api/l4.go</c> L4Proto).</summary>
public static class Protocols
{
    public const byte Any = 0;
    public const byte Icmp = 1;
    public const byte Tcp = 6;
    public const byte Udp = 17;
    public const byte IcmpV6 = 58;
    public const byte Sctp = 132;

    /// <summary>What a rule's protocol <c>ANY</c> with a port stands for: the map key cannot wildcard the protocol alone.</summary>
    public static IReadOnlyList<byte> PortProtocols { get; } = [Tcp, Udp, Sctp];

    public static bool TryParse(string? text, [NotNullWhen(true)] out byte? protocol)
    {
        protocol = (text ?? "").ToUpperInvariant() switch
        {
            "" or "ANY" => Any,
            "TCP" => Tcp,
            "UDP" => Udp,
            "SCTP" => Sctp,
            "ICMP" => Icmp,
            "ICMPV6" => IcmpV6,
            _ => null,
        };
        return protocol is not null;
    }

    public static string Name(byte protocol) => protocol switch
    {
        Any => "ANY",
        Tcp => "TCP",
        Udp => "UDP",
        Sctp => "SCTP",
        Icmp => "ICMP",
        IcmpV6 => "ICMPV6",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static bool IsIcmp(byte protocol) => protocol is Icmp or IcmpV6;
}
