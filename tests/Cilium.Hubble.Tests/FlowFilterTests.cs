using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Filters;
using Cilium.Hubble.Ingest;
using Cilium.Hubble.Tests.Support;
using Google.Protobuf;
using Xunit;

namespace Cilium.Hubble.Tests;

public sealed class FlowFilterTests
{
    private static readonly FlowBuilder Builder = new(new TestResolver(), "node-1");

    /// <summary>client -> server TCP 80 SYN, forwarded at to-endpoint, ingress, not a reply.</summary>
    private static readonly Flow Forwarded = Builder.Build(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp));

    /// <summary>client -> world TCP 8080, dropped by policy (133), egress.</summary>
    private static readonly Flow Dropped = Builder.Build(Notifications.Drop(TestResolver.ClientIp, TestResolver.WorldIp));

    public static TheoryData<string, string, bool, bool> Cases => new()
    {
        // filter (JSON FlowFilter), description, matches Forwarded, matches Dropped
        { """{}""", "empty filter matches all", true, true },
        { """{"source_ip":["198.18.0.10"]}""", "exact source IP", true, true },
        { """{"destination_ip":["198.18.0.0/24"]}""", "destination CIDR", true, false },
        { """{"destination_ip":["203.0.113.0/24","198.18.0.20"]}""", "values within a field OR", true, true },
        { """{"source_pod":["default/client"]}""", "namespace/prefix pod", true, true },
        { """{"source_pod":["client"]}""", "bare prefix means namespace default", true, true },
        { """{"source_pod":["kube-system/client"]}""", "pod in another namespace", false, false },
        { """{"destination_pod":["default/"]}""", "namespace only", true, false },
        { """{"source_label":["app=client"]}""", "label without source matches any source", true, true },
        { """{"destination_label":["k8s:app=server"]}""", "label with source", true, false },
        { """{"destination_label":["reserved:world"]}""", "reserved label", false, true },
        { """{"destination_label":["app in (server, db)"]}""", "set-based selector", true, false },
        { """{"destination_label":["!app"]}""", "label must be absent", false, true },
        { """{"source_identity":[1001]}""", "source identity", true, true },
        { """{"destination_identity":[2]}""", "destination identity", false, true },
        { """{"destination_port":["80"]}""", "destination port", true, false },
        { """{"source_port":["80"]}""", "source port does not match the destination port", false, false },
        { """{"protocol":["TCP"]}""", "protocol, case-insensitive", true, true },
        { """{"protocol":["udp"]}""", "other protocol", false, false },
        { """{"verdict":["DROPPED"]}""", "verdict", false, true },
        { """{"drop_reason_desc":["POLICY_DENIED"]}""", "drop reason", false, true },
        { """{"drop_reason_desc":["POLICY_DENY"]}""", "other drop reason", false, false },
        { """{"traffic_direction":["INGRESS"]}""", "traffic direction", true, false },
        { """{"event_type":[{"type":4}]}""", "event type trace", true, false },
        { """{"event_type":[{"type":4,"match_sub_type":true,"sub_type":5}]}""", "trace sub type from-endpoint", false, false },
        { """{"event_type":[{"type":4,"match_sub_type":true,"sub_type":0}]}""", "trace sub type to-endpoint", true, false },
        { """{"node_name":["node-*"]}""", "node name wildcard", true, true },
        { """{"node_name":["node-2"]}""", "other node", false, false },
        { """{"reply":[false]}""", "not a reply", true, true },
        { """{"reply":[true]}""", "reply", false, false },
        { """{"tcp_flags":[{"SYN":true}]}""", "TCP flag set", true, true },
        { """{"tcp_flags":[{"ACK":true}]}""", "TCP flag not set", false, false },
        { """{"source_pod":["default/client"],"verdict":["FORWARDED"]}""", "fields within one filter AND", true, false },
        { """{"source_pod":["default/client"],"destination_port":["8080"]}""", "AND with a port", false, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compile_FilterTable_MatchesAsCilium(string json, string description, bool forwarded, bool dropped)
    {
        var match = FlowFilterCompiler.Compile(JsonParser.Default.Parse<FlowFilter>(json));
        Assert.True(match(Forwarded) == forwarded, $"{description}: forwarded flow expected {forwarded}");
        Assert.True(match(Dropped) == dropped, $"{description}: dropped flow expected {dropped}");
    }

    [Fact]
    public void Matches_WhitelistFilters_AreOred()
    {
        var set = new FlowFilterSet(
            [new FlowFilter { Verdict = { Verdict.Dropped } }, new FlowFilter { DestinationPort = { "80" } }], []);
        Assert.True(set.Matches(Forwarded));
        Assert.True(set.Matches(Dropped));
    }

    [Fact]
    public void Matches_AnyBlacklistFilter_Excludes()
    {
        var set = new FlowFilterSet([], [new FlowFilter { NodeName = { "other" } }, new FlowFilter { Verdict = { Verdict.Dropped } }]);
        Assert.True(set.Matches(Forwarded));
        Assert.False(set.Matches(Dropped));
    }

    [Fact]
    public void Matches_WhitelistAndBlacklist_BlacklistWins()
    {
        var set = new FlowFilterSet([new FlowFilter { SourcePod = { "default/client" } }], [new FlowFilter { DestinationPort = { "80" } }]);
        Assert.False(set.Matches(Forwarded));
        Assert.True(set.Matches(Dropped));
    }

    [Theory]
    [InlineData("""{"source_ip":["198.18.0.300"]}""")]
    [InlineData("""{"destination_ip":["198.18.0.0/99"]}""")]
    [InlineData("""{"protocol":["carrier-pigeon"]}""")]
    [InlineData("""{"destination_port":["http"]}""")]
    [InlineData("""{"source_label":["app in server"]}""")]
    [InlineData("""{"experimental":{"cel_expression":["true"]}}""")]
    public void Compile_InvalidFilter_ThrowsFilterException(string json)
    {
        Assert.Throws<FilterException>(() => FlowFilterCompiler.Compile(JsonParser.Default.Parse<FlowFilter>(json)));
    }
}
