extern alias plugin;

using System.Security.Cryptography;
using System.Text;
using plugin::Cilium.Cni.Network;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>The host veth's name is a pure function of container id and interface: DEL relies on it to find the link.</summary>
public sealed class VethNamesTests
{
    [Theory]
    [InlineData("0123456789abcdef", "eth0")]
    [InlineData("cbn1234c17", "net1")]
    [InlineData("", "eth0")]
    public void HostSide_IsLxcAndElevenHexDigitsOfSha256OfIdAndInterface(string containerId, string ifName)
    {
        // The platform's SHA-256 (OpenSSL) as the reference for the plugin's managed one.
        var expected = "lxc" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{containerId}/{ifName}")))[..11];

        var name = VethNames.HostSide(containerId, ifName);

        Assert.Equal(expected, name);
        Assert.True(name.Length <= 15, "Linux interface names are at most 15 bytes");
    }

    [Fact]
    public void RandomMac_IsUnicastLocallyAdministeredAndVaries()
    {
        var macs = Enumerable.Range(0, 64).Select(_ => VethNames.RandomMac()).ToArray();

        foreach (var mac in macs)
        {
            var first = Convert.ToByte(mac[..2], 16);
            Assert.Equal(0, first & 0x01);
            Assert.Equal(0x02, first & 0x02);
            Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", mac);
        }
        Assert.True(macs.Distinct().Count() > 60);
    }
}
