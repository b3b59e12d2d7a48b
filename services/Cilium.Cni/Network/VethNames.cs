using System.Security.Cryptography;
using System.Text;

namespace Cilium.Cni.Network;

/// <summary>Names and MAC addresses of an attachment's veth pair.</summary>
public static class VethNames
{
    /// <summary>
    /// The host side: <c>lxc</c> and 11 hex digits of a hash of container id and interface, as Cilium names its
    /// host veths, so DEL finds the link from the same two values ADD had, even without the agent.
    /// </summary>
    public static string HostSide(string containerId, string ifName)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{containerId}/{ifName}"));
        return "lxc" + Convert.ToHexStringLower(hash)[..11];
    }

    /// <summary>A random unicast, locally administered MAC: set explicitly so the plugin knows it without asking the kernel.</summary>
    public static string RandomMac()
    {
        Span<byte> bytes = stackalloc byte[6];
        RandomNumberGenerator.Fill(bytes);
        bytes[0] = (byte)((bytes[0] & 0xFE) | 0x02);
        return string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
