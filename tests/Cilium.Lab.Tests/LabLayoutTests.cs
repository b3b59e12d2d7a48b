using Cilium.Cli.Lab;
using Xunit;

namespace Cilium.Lab.Tests;

public sealed class LabLayoutTests
{
    [Theory]
    [InlineData("kind")]
    [InlineData("t1234abcd")]
    public void For_ValidName_Accepts(string name) => Assert.Equal(name, LabLayout.For(name).Name);

    [Theory]
    [InlineData("")]
    [InlineData("has-dash")]
    [InlineData("Upper")]
    [InlineData("1digitfirst")]
    [InlineData("muchtoolongname")]
    public void For_InvalidName_Throws(string name) => Assert.Throws<ArgumentException>(() => LabLayout.For(name));

    [Fact]
    public void Node_Indexes_FollowKindNamesAndBenchmarkRange()
    {
        var layout = LabLayout.For("kind");
        Assert.Equal(["kind-control-plane", "kind-worker", "kind-worker2"], Enumerable.Range(0, 3).Select(i => layout.Node(i).Name));
        Assert.Equal("198.18.0.3", layout.Node(2).Ip);
        Assert.Equal("198.18.3.0/24", layout.Node(2).PodCidr);
        Assert.StartsWith("/sys/fs/bpf/cilium-kind-", layout.Node(1).Bpffs, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_AllAddresses_InsideBenchmarkRange()
    {
        var range = System.Net.IPNetwork.Parse("198.18.0.0/15");
        var layout = LabLayout.For("kind");
        foreach (var node in Enumerable.Range(0, LabLayout.MaxNodes).Select(layout.Node))
        {
            Assert.True(range.Contains(System.Net.IPAddress.Parse(node.Ip)), node.Ip);
            Assert.True(range.Contains(System.Net.IPNetwork.Parse(node.PodCidr).BaseAddress), node.PodCidr);
        }
    }
}
