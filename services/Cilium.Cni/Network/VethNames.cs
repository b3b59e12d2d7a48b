using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace Cilium.Cni.Network;

/// <summary>Names and MAC addresses of an attachment's veth pair.</summary>
public static class VethNames
{
    /// <summary>
    /// The host side: <c>lxc</c> and 11 hex digits of a hash of container id and interface, as Cilium names its
    /// host veths, so DEL finds the link from the same two values ADD had, even without the agent.
    /// </summary>
    /// <remarks>
    /// SHA-256 from BouncyCastle's managed code rather than the platform's: on Linux .NET hashes through OpenSSL, and
    /// loading it (libssl, libcrypto, openssl.cnf) cost 13 ms of every ADD, CHECK and DEL, for a name.
    /// </remarks>
    public static string HostSide(string containerId, string ifName)
    {
        var input = Encoding.UTF8.GetBytes($"{containerId}/{ifName}");
        var digest = new Sha256Digest();
        digest.BlockUpdate(input, 0, input.Length);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);
        return "lxc" + Convert.ToHexStringLower(hash)[..11];
    }

    /// <summary>A random unicast, locally administered MAC: set explicitly so the plugin knows it without asking the kernel.</summary>
    /// <remarks>
    /// <see cref="Random.Shared"/>, seeded from the kernel per process: a MAC needs to be unlikely to repeat on one
    /// link, not unpredictable, and the cryptographic generator would load OpenSSL.
    /// </remarks>
    public static string RandomMac()
    {
        Span<byte> bytes = stackalloc byte[6];
        Random.Shared.NextBytes(bytes);
        bytes[0] = (byte)((bytes[0] & 0xFE) | 0x02);
        return string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
