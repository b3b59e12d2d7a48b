using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Rules;
using CsCheck;
using Xunit;

namespace Cilium.Core.Tests.Policy;

public sealed class PortPrefixTests
{
    [Theory]
    [InlineData(80, 80, "80/16")]
    [InlineData(0, 65535, "0/0")]
    [InlineData(8080, 8095, "8080/12")]
    [InlineData(8000, 8100, "8000/10,8064/11,8096/14,8100/16")]
    [InlineData(1, 7, "1/16,2/15,4/14")]
    [InlineData(65534, 65535, "65534/15")]
    public void Split_KnownRanges_GiveCiliumsBlocks(int from, int to, string expected)
    {
        var blocks = PortPrefix.Split((ushort)from, (ushort)to);
        Assert.Equal(expected, string.Join(',', blocks.Select(b => $"{b.Port}/{b.PrefixLength}")));
    }

    [Fact]
    public void Split_AnyRange_RoundTripsToExactlyThatRangeWithAlignedBlocks()
    {
        Gen.Select(Gen.UShort, Gen.UShort).Sample((a, b) =>
        {
            var (from, to) = a <= b ? (a, b) : (b, a);
            var blocks = PortPrefix.Split(from, to);
            var next = (int)from;
            foreach (var (port, prefix) in blocks)
            {
                var size = 1 << (16 - prefix);
                if (port != next || port % size != 0)
                {
                    return false;
                }
                next = port + size;
            }
            // At most two blocks per prefix length: the split is minimal.
            return next == to + 1 && blocks.GroupBy(b => b.PrefixLength).All(g => g.Count() <= 2);
        });
    }

    [Fact]
    public void Split_AnyRange_KeysMatchExactlyThePortsInside()
    {
        Gen.Select(Gen.UShort[0, 2000], Gen.UShort[0, 2000], Gen.UShort[0, 2100]).Sample((a, b, probe) =>
        {
            var (from, to) = a <= b ? (a, b) : (b, a);
            var keys = PortPrefix.Split(from, to).Select(x => new PolicyKey(0, TrafficDirection.Ingress, Protocols.Tcp, x.Port, x.PrefixLength));
            return keys.Any(k => k.MatchesPort(Protocols.Tcp, probe)) == (probe >= from && probe <= to);
        });
    }

    [Theory]
    [InlineData(6, 80, 16, 64)]
    [InlineData(6, 0, 0, 48)]
    [InlineData(0, 0, 0, 40)]
    [InlineData(1, 0x0800, 8, 56)]
    public void LpmPrefixLength_Key_CountsIdentityDirectionProtocolAndPortBits(byte protocol, int port, byte prefix, int expected)
    {
        Assert.Equal(expected, new PolicyKey(1234, TrafficDirection.Egress, protocol, (ushort)port, prefix).LpmPrefixLength);
    }

    [Theory]
    [InlineData(0u, 0, 0, 0, 7u, 6, 80, 16, true)]
    [InlineData(7u, 0, 0, 0, 7u, 6, 80, 16, true)]
    [InlineData(8u, 0, 0, 0, 7u, 6, 80, 16, false)]
    [InlineData(7u, 6, 64, 10, 7u, 6, 80, 16, true)]
    [InlineData(7u, 6, 64, 10, 7u, 6, 128, 16, false)]
    [InlineData(7u, 17, 0, 0, 7u, 6, 80, 16, false)]
    [InlineData(7u, 6, 80, 16, 7u, 0, 0, 0, false)]
    [InlineData(7u, 6, 80, 16, 0u, 6, 80, 16, false)]
    public void Covers_Keys_ByIdentityThenProtocolThenPortBlock(uint id, byte proto, int port, byte prefix, uint id2, byte proto2, int port2, byte prefix2, bool expected)
    {
        var broad = new PolicyKey(id, TrafficDirection.Ingress, proto, (ushort)port, prefix);
        var narrow = new PolicyKey(id2, TrafficDirection.Ingress, proto2, (ushort)port2, prefix2);
        Assert.Equal(expected, broad.Covers(narrow));
    }

    [Theory]
    [InlineData(6, 80, 16, "ingress 42 80/TCP")]
    [InlineData(6, 8080, 12, "ingress 42 8080-8095/TCP")]
    [InlineData(0, 0, 0, "ingress 42 ANY")]
    [InlineData(1, 0x0800, 8, "ingress 42 ICMP type 8")]
    public void ToString_Key_ReadsLikeCiliumListing(byte proto, int port, byte prefix, string expected)
    {
        Assert.Equal(expected, new PolicyKey(42, TrafficDirection.Ingress, proto, (ushort)port, prefix).ToString());
    }
}
