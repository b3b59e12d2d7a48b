using Cilium.Bpf.Maps;
using Xunit;

namespace Cilium.Bpf.Tests;

/// <summary>Pure encoding rules of policy keys, port ranges and errors: no kernel needed.</summary>
public sealed class PolicyKeyTests
{
    [Theory]
    [InlineData(9000, 9005, "9000/14 9004/15")]
    [InlineData(80, 80, "80/16")]
    [InlineData(0, 65535, "0/0")]
    [InlineData(1, 65535, "1/16 2/15 4/14 8/13 16/12 32/11 64/10 128/9 256/8 512/7 1024/6 2048/5 4096/4 8192/3 16384/2 32768/1")]
    [InlineData(8080, 8090, "8080/13 8088/15 8090/16")]
    public void ToPrefixes_Range_CoversExactlyTheRangeWithAlignedBlocks(int first, int last, string expected)
    {
        var blocks = PortRange.ToPrefixes((ushort)first, (ushort)last);

        Assert.Equal(expected, string.Join(' ', blocks.Select(b => $"{b.Port}/{b.PrefixLength}")));
        Assert.Equal(first, blocks[0].First);
        Assert.Equal(last, blocks[^1].Last);
        for (var i = 1; i < blocks.Count; i++)
        {
            Assert.Equal(blocks[i - 1].Last + 1, blocks[i].First);
        }
    }

    [Fact]
    public void ToPrefixes_EndBeforeStart_Throws() => Assert.Throws<ArgumentException>(() => PortRange.ToPrefixes(10, 9));

    [Fact]
    public void Key_ExactPort_HasFullPrefixAndNetworkOrderPort()
    {
        var key = PolicyMap.Key(1234, TrafficDirection.Egress, 6, 8080);

        Assert.Equal(64u, key.PrefixLen);
        Assert.Equal(1234u, key.SecLabel);
        Assert.Equal(1, key.Egress);
        Assert.Equal(6, key.Protocol);
        Assert.Equal(NetworkOrder.Port(8080), key.Dport);
        Assert.Equal(8080, NetworkOrder.HostPort(key.Dport));
        Assert.Equal((byte)(24 << PolicyMap.PrefixShift), PolicyMap.Entry(key, deny: false).Flags);
        Assert.Equal((byte)((24 << PolicyMap.PrefixShift) | 1), PolicyMap.Entry(key, deny: true).Flags);
    }

    [Fact]
    public void Key_Wildcards_UseStaticPrefixAndProtocolPrefix()
    {
        var l3Only = PolicyMap.Key(1234, TrafficDirection.Ingress);
        var protoOnly = PolicyMap.Key(0, TrafficDirection.Ingress, 17);
        var block = PolicyMap.Key(0, TrafficDirection.Ingress, 6, 9003, 14);

        Assert.Equal(40u, l3Only.PrefixLen);
        Assert.Equal(0, l3Only.Egress);
        Assert.Equal(48u, protoOnly.PrefixLen);
        Assert.Equal(0, protoOnly.Dport);
        Assert.Equal(62u, block.PrefixLen);
        Assert.Equal(9000, NetworkOrder.HostPort(block.Dport)); // bits below the prefix are cleared
    }

    [Fact]
    public void Key_PortWithoutProtocol_Throws() =>
        Assert.Throws<ArgumentException>(() => PolicyMap.Key(1, TrafficDirection.Egress, 0, 80));

    [Fact]
    public void MapName_EndpointId_IsZeroPaddedToFiveDigits() =>
        Assert.Equal("cilium_policy_v2_00042", PolicyMap.MapName(42));

    [Fact]
    public void Message_UpdateOnFullMap_NamesOperationMapErrnoAndMeaning()
    {
        var e = new BpfException("update", "cilium_policy_v2_00042", Errno.E2BIG);

        Assert.Equal("update cilium_policy_v2_00042: E2BIG, map full", e.Message);
        Assert.True(e.IsMapFull);
    }

    [Fact]
    public void Message_Eperm_SaysWhichPrivilegeIsMissing()
    {
        var e = new BpfException("load", "bpf_lxc.o", Errno.EPERM);

        Assert.Contains("root", e.Message, StringComparison.Ordinal);
        Assert.Contains("CAP_BPF", e.Message, StringComparison.Ordinal);
        Assert.Contains("CAP_NET_ADMIN", e.Message, StringComparison.Ordinal);
        Assert.Contains("RLIMIT_MEMLOCK", e.Message, StringComparison.Ordinal);
    }
}
