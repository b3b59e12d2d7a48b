using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Cilium.Bpf.Diagnostics;
using Cilium.Bpf.Maps;
using Cilium.Bpf.Tests.Lab;
using Xunit;

namespace Cilium.Bpf.Tests;

/// <summary>Connection-tracking rules checked packet by packet with BPF_PROG_TEST_RUN (the endpoint bound to loopback).</summary>
public sealed class ConnTrackTestRunTests
{
    private static readonly IPAddress Self = IPAddress.Parse("198.18.3.1");
    private static readonly IPAddress Peer = IPAddress.Parse("198.18.3.2");

    [Fact]
    public void TestRun_PureSynAgainstAnOpenedConnection_IsJudgedAsNewWhileSynAckPassesAsReply()
    {
        using var lab = NodeLab.Create(0);
        using var endpoint = lab.Datapath.AddEndpoint(21, 5001);
        endpoint.Bind(1);
        lab.Datapath.IpCache.Upsert(new IPNetwork(Peer, 32), 5002);
        endpoint.Policy.Allow(5002, TrafficDirection.Egress, 6, 80); // no ingress policy: new inbound connections drop
        var events = new List<FlowEvent>();
        using var reader = lab.Datapath.OpenEventReader(r => events.Add(MemoryMarshal.Read<FlowEvent>(r)));

        var open = endpoint.FromContainer.TestRun(Packets.Tcp(Self, 40000, Peer, 80, Packets.Syn)).ReturnValue;
        // A segment with SYN and no ACK opens a connection; it is never a reply, even on the swapped tuple of one.
        var simultaneousOpen = endpoint.ToContainer.TestRun(Packets.Tcp(Peer, 80, Self, 40000, Packets.Syn)).ReturnValue;
        var synAck = endpoint.ToContainer.TestRun(Packets.Tcp(Peer, 80, Self, 40000, Packets.Syn | Packets.Ack)).ReturnValue;
        var ack = endpoint.ToContainer.TestRun(Packets.Tcp(Peer, 80, Self, 40000, Packets.Ack)).ReturnValue;
        reader.Consume();

        Assert.Equal(0u, open);
        Assert.Equal(2u, simultaneousOpen); // TC_ACT_SHOT
        Assert.Equal(0u, synAck);
        Assert.Equal(0u, ack);
        var drop = Assert.Single(events, e => e.EventVerdict == Verdict.Dropped);
        Assert.Equal(DropReason.PolicyDenied, drop.DropReason);
        Assert.Equal(CtState.New, drop.ConnectionState);
        Assert.Equal(TrafficDirection.Ingress, drop.TrafficDirection);
    }

    [Fact]
    public void TestRun_VerdictAndEarlyDrop_EventsCarryTheMonotonicTimeOfTheirPacket()
    {
        using var lab = NodeLab.Create(0);
        using var endpoint = lab.Datapath.AddEndpoint(22, 5001);
        endpoint.Policy.Allow(0, TrafficDirection.Egress);
        var events = new List<FlowEvent>();
        using var reader = lab.Datapath.OpenEventReader(r => events.Add(MemoryMarshal.Read<FlowEvent>(r)));
        var packet = Packets.Udp(Self, 40000, Peer, 53);

        var before = MonotonicNs();
        endpoint.FromContainer.TestRun(packet); // not bound yet: dropped before the program reads the clock
        endpoint.Bind(1);
        endpoint.FromContainer.TestRun(packet); // a new connection: policy verdict
        var after = MonotonicNs();
        reader.Consume();

        Assert.Equal([FlowEventType.Drop, FlowEventType.PolicyVerdict], events.Select(e => e.EventType));
        Assert.All(events, e => Assert.InRange(e.TimestampNs, before, after));
        Assert.True(events[0].TimestampNs <= events[1].TimestampNs);
    }

    // Stopwatch is CLOCK_MONOTONIC on Linux, the clock of bpf_ktime_get_ns.
    private static ulong MonotonicNs() => (ulong)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));
}
