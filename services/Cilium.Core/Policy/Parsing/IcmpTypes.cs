using System.Globalization;

namespace Cilium.Core.Policy.Parsing;

/// <summary>ICMP and ICMPv6 type names accepted in <c>icmps[].fields[].type</c> (IANA numbers; <c>pkg/policy/api/icmp.go</c>).</summary>
internal static class IcmpTypes
{
    private static readonly Dictionary<string, byte> V4 = new(StringComparer.Ordinal)
    {
        ["EchoReply"] = 0,
        ["DestinationUnreachable"] = 3,
        ["Redirect"] = 5,
        ["Echo"] = 8,
        ["EchoRequest"] = 8,
        ["RouterAdvertisement"] = 9,
        ["RouterSelection"] = 10,
        ["TimeExceeded"] = 11,
        ["ParameterProblem"] = 12,
        ["Timestamp"] = 13,
        ["TimestampReply"] = 14,
        ["Photuris"] = 40,
        ["ExtendedEchoRequest"] = 42,
        ["ExtendedEchoReply"] = 43,
    };

    private static readonly Dictionary<string, byte> V6 = new(StringComparer.Ordinal)
    {
        ["DestinationUnreachable"] = 1,
        ["PacketTooBig"] = 2,
        ["TimeExceeded"] = 3,
        ["ParameterProblem"] = 4,
        ["EchoRequest"] = 128,
        ["EchoReply"] = 129,
        ["MulticastListenerQuery"] = 130,
        ["MulticastListenerReport"] = 131,
        ["MulticastListenerDone"] = 132,
        ["RouterSolicitation"] = 133,
        ["RouterAdvertisement"] = 134,
        ["NeighborSolicitation"] = 135,
        ["NeighborAdvertisement"] = 136,
        ["RedirectMessage"] = 137,
        ["RouterRenumbering"] = 138,
        ["ICMPNodeInformationQuery"] = 139,
        ["ICMPNodeInformationResponse"] = 140,
        ["InverseNeighborDiscoverySolicitation"] = 141,
        ["InverseNeighborDiscoveryAdvertisement"] = 142,
        ["HomeAgentAddressDiscoveryRequest"] = 144,
        ["HomeAgentAddressDiscoveryReply"] = 145,
        ["MobilePrefixSolicitation"] = 146,
        ["MobilePrefixAdvertisement"] = 147,
        ["DuplicateAddressRequestCodeSuffix"] = 157,
        ["DuplicateAddressConfirmationCodeSuffix"] = 158,
        ["ExtendedEchoRequest"] = 160,
        ["ExtendedEchoReply"] = 161,
    };

    public static bool TryParse(string text, bool ipv6, out byte type)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            type = (byte)Math.Clamp(number, 0, 255);
            return number is >= 0 and <= 255;
        }
        return (ipv6 ? V6 : V4).TryGetValue(text, out type);
    }
}
