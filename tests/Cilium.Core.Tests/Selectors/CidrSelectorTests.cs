using Cilium.Core.Labels;
using Cilium.Core.Policy;
using Cilium.Core.Policy.Selectors;
using Xunit;

namespace Cilium.Core.Tests.Selectors;

public sealed class CidrSelectorTests
{
    private static PolicyIdentity Cidr(uint id, string prefix) =>
        new(id, LabelSet.From([new Label("cidr", CidrText.LabelKey(CidrText.Parse(prefix)), ""), new Label("reserved", "world", "")]));

    [Theory]
    [InlineData("198.18.0.0/15", "198.19.0.0/16", true)]
    [InlineData("198.18.0.0/15", "198.18.0.0/15", true)]
    [InlineData("198.18.0.0/15", "198.16.0.0/14", false)]
    [InlineData("198.18.0.0/15", "198.20.0.0/16", false)]
    [InlineData("198.18.0.0/15", "fd00::/64", false)]
    [InlineData("fd00::/8", "fd00:1::/64", true)]
    public void Matches_CidrIdentity_SelectsPrefixesInside(string selector, string identity, bool expected)
    {
        Assert.Equal(expected, new CidrSelector(CidrText.Parse(selector)).Matches(Cidr(16777217, identity)));
    }

    [Theory]
    [InlineData("1.1.1.1/32", false)]
    [InlineData("1.1.1.0/24", true)]
    [InlineData("1.1.0.0/16", true)]
    [InlineData("1.1.1.128/25", true)]
    public void Matches_Except_LeavesExceptedPrefixesOut(string identity, bool expected)
    {
        var selector = new CidrSelector(CidrText.Parse("1.0.0.0/8"), [CidrText.Parse("1.1.1.1/32")]);
        Assert.Equal(expected, selector.Matches(Cidr(16777218, identity)));
    }

    [Fact]
    public void Matches_ZeroPrefix_SelectsWorldOfItsFamily()
    {
        var v4 = new CidrSelector(CidrText.Parse("0.0.0.0/0"));
        var world = new PolicyIdentity(2, LabelSet.Parse(["reserved:world"]));
        var world4 = new PolicyIdentity(9, LabelSet.Parse(["reserved:world-ipv4"]));
        var world6 = new PolicyIdentity(10, LabelSet.Parse(["reserved:world-ipv6"]));
        Assert.True(v4.Matches(world));
        Assert.True(v4.Matches(world4));
        Assert.False(v4.Matches(world6));
        Assert.False(new CidrSelector(CidrText.Parse("198.18.0.0/15")).Matches(world));
    }

    [Theory]
    [InlineData("198.18.0.1/15", "198.18.0.0/15")]
    [InlineData("198.18.0.1", "198.18.0.1/32")]
    [InlineData("fd00::1/8", "fd00::/8")]
    [InlineData("fd00--/8", "fd00::/8")]
    public void TryParse_PrefixText_MasksHostBits(string text, string expected)
    {
        Assert.True(CidrText.TryParse(text, out var prefix));
        Assert.Equal(expected, prefix.ToString());
    }

    [Theory]
    [InlineData("198.18.0.0/33")]
    [InlineData("banana")]
    [InlineData("198.18.0.0/-1")]
    [InlineData("")]
    public void TryParse_BadText_Fails(string text)
    {
        Assert.False(CidrText.TryParse(text, out _));
    }
}
