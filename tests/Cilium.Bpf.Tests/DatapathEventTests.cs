using System.Net.Sockets;
using Cilium.Bpf.Maps;
using Cilium.Bpf.Tests.Lab;
using Xunit;

namespace Cilium.Bpf.Tests;

/// <summary>Ring-buffer events and per-CPU counters, from real traffic.</summary>
[Collection(DatapathCollection.Name)]
public sealed class DatapathEventTests
{
    private const byte Tcp = (byte)ProtocolType.Tcp;
    private readonly NodeLab _lab;

    public DatapathEventTests(LabFixture fixture)
    {
        _lab = fixture.Lab;
        _lab.Reset();
    }

    [Fact]
    public async Task Events_NewAllowedConnection_CarryIdentitiesAddressesPortsAndMatchType()
    {
        using var server = new TcpEchoServer(_lab[2], 8080);
        _lab[1].Endpoint.Policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080);
        _lab[2].Endpoint.Policy.Allow(0, TrafficDirection.Ingress, Tcp, 8080);
        using var events = new EventCollector(_lab.Datapath);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));

        var all = events.Drain();
        var egress = Assert.Single(all, e => e.EventType == FlowEventType.PolicyVerdict && e.EndpointId == _lab[1].EndpointId);
        Assert.Equal(Verdict.Forwarded, egress.EventVerdict);
        Assert.Equal(TrafficDirection.Egress, egress.TrafficDirection);
        Assert.Equal(PolicyMatchType.L3L4, egress.PolicyMatch);
        Assert.Equal(CtState.New, egress.ConnectionState);
        Assert.Equal(_lab[1].Identity, egress.SrcIdentity);
        Assert.Equal(_lab[2].Identity, egress.DstIdentity);
        Assert.Equal(_lab[1].V4, egress.Source);
        Assert.Equal(_lab[2].V4, egress.Destination);
        Assert.Equal(8080, egress.DestinationPort);
        Assert.NotEqual(0, egress.SourcePort);
        Assert.Equal(Tcp, egress.Protocol);
        Assert.Equal(0x02, egress.TcpFlags & 0x12); // SYN without ACK
        Assert.Equal(_lab[1].HostIfindex, (int)egress.Ifindex);
        Assert.Equal(0, egress.DropReason);
        Assert.NotEqual(0ul, egress.TimestampNs);

        var ingress = Assert.Single(all, e => e.EventType == FlowEventType.PolicyVerdict && e.EndpointId == _lab[2].EndpointId);
        Assert.Equal(TrafficDirection.Ingress, ingress.TrafficDirection);
        Assert.Equal(PolicyMatchType.L4Only, ingress.PolicyMatch);
        Assert.Equal(_lab[1].Identity, ingress.SrcIdentity);
        Assert.Equal(_lab[2].Identity, ingress.DstIdentity);
        Assert.Equal(_lab[2].HostIfindex, (int)ingress.Ifindex);

        // Medium aggregation: established packets and replies are not reported.
        Assert.DoesNotContain(all, e => e.EventType == FlowEventType.Trace);
    }

    [Fact]
    public async Task Events_DeniedConnection_ReportDropWithReasonAndMatchType()
    {
        using var server = new TcpEchoServer(_lab[3], 8080, 8081);
        _lab.AllowAll(_lab[3]);
        _lab[1].Endpoint.Policy.Deny(_lab[3].Identity, TrafficDirection.Egress, Tcp, 8081);
        using var events = new EventCollector(_lab.Datapath);

        Assert.False(await Probe.TcpAsync(_lab[1], _lab[3], 8080, v6: true));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[3], 8081));

        var drops = events.Drain().Where(e => e.EventType == FlowEventType.Drop && e.EndpointId == _lab[1].EndpointId).ToList();
        var denied = Assert.Single(drops.Where(d => d.DestinationPort == 8080).DistinctBy(d => d.SourcePort));
        Assert.Equal(Verdict.Dropped, denied.EventVerdict);
        Assert.Equal(DropReason.PolicyDenied, denied.DropReason);
        Assert.Equal(PolicyMatchType.None, denied.PolicyMatch);
        Assert.Equal(AddressFamily.InterNetworkV6, denied.AddressFamily);
        Assert.Equal(_lab[3].V6, denied.Destination);
        Assert.Equal(_lab[3].Identity, denied.DstIdentity);
        Assert.Equal(TrafficDirection.Egress, denied.TrafficDirection);

        var deny = drops.First(d => d.DestinationPort == 8081);
        Assert.Equal(DropReason.PolicyDeny, deny.DropReason);
        Assert.Equal(PolicyMatchType.L3L4, deny.PolicyMatch);
        Assert.Equal(_lab[3].V4, deny.Destination);
    }

    [Fact]
    public async Task Events_AggregationLevels_ControlWhatIsReported()
    {
        using var server = new TcpEchoServer(_lab[2], 8080);
        _lab.AllowAll(_lab[1]);
        _lab.AllowAll(_lab[2]);

        _lab.Datapath.Config.Aggregation = EventAggregation.None;
        using (var events = new EventCollector(_lab.Datapath))
        {
            Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
            var all = events.Drain();
            Assert.Contains(all, e => e.EventType == FlowEventType.Trace && e.ConnectionState == CtState.Established);
            Assert.Contains(all, e => e.EventType == FlowEventType.Trace && e.ConnectionState == CtState.Reply);
        }

        _lab.Datapath.Config.Aggregation = EventAggregation.Maximum;
        using (var events = new EventCollector(_lab.Datapath))
        {
            Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
            Assert.False(await Probe.TcpAsync(_lab[3], _lab[2], 8080)); // pod3 has no egress policy
            var all = events.Drain();
            Assert.DoesNotContain(all, e => e.EventType is FlowEventType.Trace or FlowEventType.PolicyVerdict);
            Assert.Contains(all, e => e.EventType == FlowEventType.Drop && e.EndpointId == _lab[3].EndpointId);
        }
    }

    [Fact]
    public async Task Metrics_ForwardedAndDroppedPackets_CountedByReasonAndDirection()
    {
        using var server = new TcpEchoServer(_lab[2], 8080);
        _lab.AllowAll(_lab[2]);
        _lab[1].Endpoint.Policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080);
        var metrics = _lab.Datapath.Metrics;
        var fwdEgress = metrics.Get(DropReason.Forwarded, TrafficDirection.Egress);
        var fwdIngress = metrics.Get(DropReason.Forwarded, TrafficDirection.Ingress);
        var denied = metrics.Get(DropReason.PolicyDenied, TrafficDirection.Egress);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 8081));

        var fwdEgressAfter = metrics.Get(DropReason.Forwarded, TrafficDirection.Egress);
        var fwdIngressAfter = metrics.Get(DropReason.Forwarded, TrafficDirection.Ingress);
        var deniedAfter = metrics.Get(DropReason.PolicyDenied, TrafficDirection.Egress);
        // A TCP handshake plus one echoed byte is at least 3 packets each way through each endpoint's programs.
        Assert.True(fwdEgressAfter.Packets - fwdEgress.Packets >= 3, $"{fwdEgress} -> {fwdEgressAfter}");
        Assert.True(fwdIngressAfter.Packets - fwdIngress.Packets >= 3, $"{fwdIngress} -> {fwdIngressAfter}");
        Assert.True(fwdEgressAfter.Bytes - fwdEgress.Bytes >= 3 * 54, $"{fwdEgress} -> {fwdEgressAfter}");
        Assert.True(deniedAfter.Packets > denied.Packets, $"{denied} -> {deniedAfter}");
        Assert.Contains(metrics.Read(), c => c.Reason == DropReason.PolicyDenied && c.Direction == TrafficDirection.Egress);
    }
}
