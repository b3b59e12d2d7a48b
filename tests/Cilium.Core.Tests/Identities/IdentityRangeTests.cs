using Cilium.Core.Identities;
using Cilium.Core.Labels;
using Xunit;

namespace Cilium.Core.Tests.Identities;

public sealed class IdentityRangeTests
{
    [Theory]
    [InlineData(0, 256, 65535)]
    [InlineData(1, 65536 + 256, 131071)]
    [InlineData(255, (255L << 16) + 256, (255L << 16) + 65535)]
    public void ForCluster_ClusterId_UsesUpperBits(int cluster, long min, long max)
    {
        var range = IdentityRange.ForCluster(cluster);

        Assert.Equal(min, range.Min);
        Assert.Equal(max, range.Max);
    }

    [Fact]
    public void ForCluster_OutOfRangeClusterId_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityRange.ForCluster(256));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdentityRange.ForCluster(-1));
    }

    [Fact]
    public void Reserved_AllTen_HaveCiliumNumbers()
    {
        var byName = ReservedIdentities.All.ToDictionary(r => r.Labels[0].Key, r => r.Id);
        Assert.Equal(1, byName["host"]);
        Assert.Equal(2, byName["world"]);
        Assert.Equal(3, byName["unmanaged"]);
        Assert.Equal(4, byName["health"]);
        Assert.Equal(5, byName["init"]);
        Assert.Equal(6, byName["remote-node"]);
        Assert.Equal(7, byName["kube-apiserver"]);
        Assert.Equal(8, byName["ingress"]);
        Assert.Equal(9, byName["world-ipv4"]);
        Assert.Equal(10, byName["world-ipv6"]);
    }

    [Fact]
    public void Resolve_MixedReservedAndK8s_IsRejected()
    {
        var resolver = new IdentityLabels(SecurityLabelFilter.Default);

        Assert.Throws<LabelException>(() => resolver.Resolve(["reserved:host", "k8s:app=x"]));
        Assert.Equal(ReservedIdentities.Host, ReservedIdentities.Match(resolver.Resolve(["reserved:host"])));
    }
}
