using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Filters;
using Cilium.Hubble.Query;
using Xunit;

namespace Cilium.Hubble.Tests;

public sealed class FlowFilterBuilderTests
{
    [Fact]
    public void Add_SymmetricPod_MakesSourceAndDestinationFilters()
    {
        var b = new FlowFilterBuilder().Add("namespace", "shop").Add("pod", "web").Add("verdict", "DROPPED");
        Assert.Equal(2, b.Whitelist.Count);
        Assert.Equal(["shop/", "shop/web"], b.Whitelist[0].SourcePod);
        Assert.Equal(["shop/", "shop/web"], b.Whitelist[1].DestinationPod);
        Assert.All(b.Whitelist, f => Assert.Equal([Verdict.Dropped], f.Verdict));
        Assert.Empty(b.Blacklist);
    }

    [Fact]
    public void Add_FromAndTo_MakeOneFilter()
    {
        var b = new FlowFilterBuilder().Add("from-pod", "default/a").Add("to-pod", "default/b").Add("to-port", "80");
        var f = Assert.Single(b.Whitelist);
        Assert.Equal(["default/a"], f.SourcePod);
        Assert.Equal(["default/b"], f.DestinationPod);
        Assert.Equal(["80"], f.DestinationPort);
    }

    [Fact]
    public void Add_Negated_GoesToBlacklist()
    {
        var b = new FlowFilterBuilder().Add("verdict", "FORWARDED", negate: true).Add("protocol", "TCP");
        Assert.Equal(["tcp"], Assert.Single(b.Whitelist).Protocol);
        Assert.Equal([Verdict.Forwarded], Assert.Single(b.Blacklist).Verdict);
    }

    [Theory]
    [InlineData("trace:to-endpoint", 4, true, 0)]
    [InlineData("trace:from-endpoint", 4, true, 5)]
    [InlineData("drop", 1, false, 0)]
    [InlineData("policy-verdict", 5, false, 0)]
    public void Add_Type_MapsToEventTypeFilter(string type, int expectedType, bool matchSub, int sub)
    {
        var f = Assert.Single(Assert.Single(new FlowFilterBuilder().Add("type", type).Whitelist).EventType);
        Assert.Equal(expectedType, f.Type);
        Assert.Equal(matchSub, f.MatchSubType);
        Assert.Equal(sub, f.SubType);
    }

    [Theory]
    [InlineData("verdict", "MAYBE")]
    [InlineData("port", "http")]
    [InlineData("type", "nonsense")]
    [InlineData("identity", "nobody")]
    [InlineData("no-such-flag", "x")]
    public void Add_BadValue_ThrowsFilterException(string flag, string value)
    {
        Assert.Throws<FilterException>(() => new FlowFilterBuilder().Add(flag, value));
    }

    [Fact]
    public void ToRequest_NoSelection_DefaultsToLast20()
    {
        var r = new FlowQuery().ToRequest([], [], DateTimeOffset.UnixEpoch);
        Assert.Equal(20UL, r.Number);
        Assert.False(r.Follow);
    }

    [Fact]
    public void ToRequest_FollowOnly_AsksForNoHistory()
    {
        Assert.Equal(0UL, new FlowQuery { Follow = true }.ToRequest([], [], DateTimeOffset.UnixEpoch).Number);
    }

    [Fact]
    public void ToRequest_SinceDuration_IsRelativeToNow()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var r = new FlowQuery { Since = "1h30m" }.ToRequest([], [], now);
        Assert.Equal(now.AddMinutes(-90), r.Since.ToDateTimeOffset());
        Assert.Equal(0UL, r.Number);
    }

    [Fact]
    public void ToRequest_FirstWithFollow_Throws()
    {
        Assert.Throws<FormatException>(() => new FlowQuery { First = 3, Follow = true }.ToRequest([], [], DateTimeOffset.UnixEpoch));
    }
}
