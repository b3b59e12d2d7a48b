using System.Net;
using System.Net.Sockets;

namespace Cilium.Endpoint.Validation;

/// <summary>
/// Parses IPs strictly and returns their canonical text, so one address has one claim key whatever its spelling
/// (<c>fd00:0::01</c> and <c>fd00::1</c> are the same IP).
/// </summary>
public static class IpText
{
    /// <summary>Dotted-quad IPv4 only: each part 0..255 in decimal without leading zeros (the parser would also take "1.2", hex and octal).</summary>
    public static bool TryCanonicalV4(string? text, out string canonical)
    {
        canonical = "";
        var parts = text?.Split('.');
        if (parts is not { Length: 4 } || !parts.All(IsDecimalOctet) || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }
        canonical = ip.ToString();
        return true;
    }

    public static bool TryCanonicalV6(string? text, out string canonical)
    {
        canonical = "";
        if (text is null || text.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(text, out var ip)
            || ip.AddressFamily != AddressFamily.InterNetworkV6 || ip.IsIPv4MappedToIPv6)
        {
            return false;
        }
        canonical = ip.ToString();
        return true;
    }

    public static bool TryCanonical(string? text, out string canonical) =>
        TryCanonicalV4(text, out canonical) || TryCanonicalV6(text, out canonical);

    private static bool IsDecimalOctet(string part) =>
        part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit) && (part.Length == 1 || part[0] != '0') && int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) <= 255;
}
