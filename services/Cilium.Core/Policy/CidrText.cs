using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cilium.Core.Policy;

/// <summary>
/// Prefix text as policies and labels write it. A bare address is a host prefix; host bits are masked off (Go's
/// <c>net.ParseCIDR</c>, which Cilium uses, accepts them). IPv6 prefixes in <c>cidr:</c> labels write ':' as '-'
/// because ':' separates the label source (<c>pkg/labels/cidr.go</c>).
/// </summary>
public static class CidrText
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IPNetwork? prefix)
    {
        prefix = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        if (!s.Contains(':', StringComparison.Ordinal) && s.Contains('-', StringComparison.Ordinal))
        {
            s = s.Replace('-', ':');
        }
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? s : s[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return false;
        }
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = max;
        if (slash >= 0 && (!int.TryParse(s.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > max))
        {
            return false;
        }
        prefix = new IPNetwork(Mask(address, length), length);
        return true;
    }

    public static IPNetwork Parse(string text) =>
        TryParse(text, out var prefix) ? prefix.Value : throw new FormatException($"'{text}' is not a CIDR prefix");

    /// <summary>The text of the <c>cidr:</c> label key for a prefix.</summary>
    public static string LabelKey(IPNetwork prefix) =>
        prefix.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? prefix.ToString().Replace(':', '-') : prefix.ToString();

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(length - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }
}
