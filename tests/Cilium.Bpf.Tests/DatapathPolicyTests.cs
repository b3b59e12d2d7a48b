using System.Net;
using System.Net.Sockets;
using Cilium.Bpf.Maps;
using Cilium.Bpf.Tests.Lab;
using Xunit;

namespace Cilium.Bpf.Tests;

/// <summary>Policy decisions on real packets between pod namespaces, through the loaded programs.</summary>
[Collection(DatapathCollection.Name)]
public sealed class DatapathPolicyTests
{
    private const byte Tcp = (byte)ProtocolType.Tcp;
    private const byte Udp = (byte)ProtocolType.Udp;
    private const byte Icmp = (byte)ProtocolType.Icmp;
    private const byte IcmpV6 = (byte)ProtocolType.IcmpV6;

    private readonly NodeLab _lab;

    public DatapathPolicyTests(LabFixture fixture)
    {
        _lab = fixture.Lab;
        _lab.Reset();
    }

    [Fact]
    public async Task Tcp_NoPolicyEntries_DroppedWithPolicyDenied()
    {
        using var server = new TcpEchoServer(_lab[2], 8080);
        var before = _lab.Datapath.Metrics.Get(DropReason.PolicyDenied, TrafficDirection.Egress).Packets;

        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 8080));

        Assert.True(_lab.Datapath.Metrics.Get(DropReason.PolicyDenied, TrafficDirection.Egress).Packets > before);
    }

    [Fact]
    public async Task EgressPolicy_ByIdentity_AllowsOnlyTheListedPeer()
    {
        using var s2 = new TcpEchoServer(_lab[2], 8080);
        using var s3 = new TcpEchoServer(_lab[3], 8080);
        _lab.AllowAll(_lab[2]);
        _lab.AllowAll(_lab[3]);
        _lab[1].Endpoint.Policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[3], 8080));
    }

    [Fact]
    public async Task EgressPolicy_ByIdentityOverIpv6_AllowsOnlyTheListedPeer()
    {
        using var s2 = new TcpEchoServer(_lab[2], 8080);
        using var s3 = new TcpEchoServer(_lab[3], 8080);
        _lab.AllowAll(_lab[2]);
        _lab.AllowAll(_lab[3]);
        _lab[1].Endpoint.Policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080, v6: true));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[3], 8080, v6: true));
    }

    [Fact]
    public async Task IngressPolicy_ByPort_AllowsOnlyTheListedPort()
    {
        using var server = new TcpEchoServer(_lab[2], 8080, 8081);
        _lab.AllowAll(_lab[1]);
        _lab[2].Endpoint.Policy.Allow(_lab[1].Identity, TrafficDirection.Ingress, Tcp, 8080);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 8081));
    }

    [Fact]
    public async Task IngressPolicy_PortRange_AllowsPortsInsideTheRangeOnly()
    {
        using var server = new TcpEchoServer(_lab[2], 8999, 9000, 9005, 9006);
        _lab.AllowAll(_lab[1]);
        var keys = _lab[2].Endpoint.Policy.SetPortRange(_lab[1].Identity, TrafficDirection.Ingress, Tcp, 9000, 9005);

        Assert.Equal(2, keys); // 9000-9003 and 9004-9005
        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 9000));
        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 9005));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 8999));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 9006));
    }

    [Fact]
    public async Task EgressPolicy_ByProtocol_AllowsUdpButNotTcp()
    {
        using var server = new TcpEchoServer(_lab[2], 5300);
        _lab.AllowAll(_lab[2]);
        _lab[1].Endpoint.Policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Udp);

        var udp = await Probe.UdpAsync(_lab[1], _lab[2], 5300);
        Assert.True(udp.Delivered);
        Assert.True(udp.Answered);
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 5300));
    }

    [Fact]
    public async Task Policy_DenyAndAllowBothMatch_DenyWinsWithPolicyDeny()
    {
        using var server = new TcpEchoServer(_lab[2], 8080);
        _lab.AllowAll(_lab[2]);
        var policy = _lab[1].Endpoint.Policy;
        policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080); // most specific allow
        policy.Deny(0, TrafficDirection.Egress, Tcp);                       // any peer, any TCP port: deny
        var before = _lab.Datapath.Metrics.Get(DropReason.PolicyDeny, TrafficDirection.Egress).Packets;

        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        Assert.True(_lab.Datapath.Metrics.Get(DropReason.PolicyDeny, TrafficDirection.Egress).Packets > before);
    }

    [Fact]
    public async Task Policy_L3OnlyEntry_AllowsEveryPortAndProtocolOfThatPeer()
    {
        using var server = new TcpEchoServer(_lab[2], 8080, 12345);
        _lab.AllowAll(_lab[1]);
        _lab[2].Endpoint.Policy.Allow(_lab[1].Identity, TrafficDirection.Ingress);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 12345));
        Assert.True((await Probe.UdpAsync(_lab[1], _lab[2], 5353)).Answered);
        Assert.False(await Probe.TcpAsync(_lab[3], _lab[2], 8080)); // another identity
    }

    [Fact]
    public async Task Policy_L4OnlyEntry_AllowsThatPortFromEveryPeer()
    {
        using var server = new TcpEchoServer(_lab[2], 8080, 8081);
        _lab.AllowAll(_lab[1]);
        _lab.AllowAll(_lab[3]);
        _lab[2].Endpoint.Policy.Allow(0, TrafficDirection.Ingress, Tcp, 8080);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        Assert.True(await Probe.TcpAsync(_lab[3], _lab[2], 8080));
        Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 8081));
    }

    [Fact]
    public async Task IpCache_OverlappingPrefixes_MostSpecificPrefixDecidesTheIdentity()
    {
        using var s2 = new TcpEchoServer(_lab[2], 8080);
        using var s3 = new TcpEchoServer(_lab[3], 8080);
        _lab.AllowAll(_lab[2]);
        _lab.AllowAll(_lab[3]);
        const uint subnetIdentity = 16777300; // a CIDR-style identity for 198.18.0.0/24
        var ipcache = _lab.Datapath.IpCache;
        ipcache.Upsert("198.18.0.0/24", subnetIdentity);
        ipcache.Delete(new IPNetwork(_lab[3].V4, 32)); // pod3 is now covered only by the /24
        try
        {
            _lab[1].Endpoint.Policy.Allow(subnetIdentity, TrafficDirection.Egress, Tcp, 8080);

            Assert.Equal(subnetIdentity, ipcache.Resolve(_lab[3].V4));
            Assert.Equal(_lab[2].Identity, ipcache.Resolve(_lab[2].V4));
            Assert.True(await Probe.TcpAsync(_lab[1], _lab[3], 8080));   // /24 -> allowed identity
            Assert.False(await Probe.TcpAsync(_lab[1], _lab[2], 8080));  // /32 wins -> pod2's identity, not allowed
        }
        finally
        {
            ipcache.Delete(IPNetwork.Parse("198.18.0.0/24"));
            ipcache.Upsert(new IPNetwork(_lab[3].V4, 32), _lab[3].Identity);
        }
    }

    [Fact]
    public async Task IpCache_AddressWithoutEntry_IsWorld()
    {
        using var server = new TcpEchoServer(_lab[2], 8080);
        _lab.AllowAll(_lab[2]);
        _lab[1].Endpoint.Policy.Allow(ReservedIdentity.World, TrafficDirection.Egress, Tcp, 8080);
        var ipcache = _lab.Datapath.IpCache;
        ipcache.Delete(new IPNetwork(_lab[2].V4, 32));
        try
        {
            Assert.Equal(ReservedIdentity.World, ipcache.Resolve(_lab[2].V4));
            Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        }
        finally
        {
            ipcache.Upsert(new IPNetwork(_lab[2].V4, 32), _lab[2].Identity);
        }
    }

    [Fact]
    public void Icmp_EchoRequestTypeAllowed_PingWorksOverIpv4AndIpv6()
    {
        _lab.AllowAll(_lab[2]);
        var policy = _lab[1].Endpoint.Policy;

        Assert.False(Probe.Ping(_lab[1], _lab[2]));
        Assert.False(Probe.Ping(_lab[1], _lab[2], v6: true));

        policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Icmp, 8 << 8);     // echo request
        policy.Allow(_lab[2].Identity, TrafficDirection.Egress, IcmpV6, 128 << 8); // echo request
        Assert.True(Probe.Ping(_lab[1], _lab[2]));
        Assert.True(Probe.Ping(_lab[1], _lab[2], v6: true));
    }

    [Fact]
    public async Task ConnTrack_RepliesOfAnAllowedConnection_PassWhileNewConnectionsBackAreChecked()
    {
        using var s1 = new TcpEchoServer(_lab[1], 8080);
        using var s2 = new TcpEchoServer(_lab[2], 8080);
        // Only pod1 -> pod2:8080 is allowed: pod1 egress, pod2 ingress. Nothing allows pod2 to send new traffic,
        // nor pod1 to receive any: the echo replies can pass only as replies of the tracked connection.
        _lab[1].Endpoint.Policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080);
        _lab[2].Endpoint.Policy.Allow(_lab[1].Identity, TrafficDirection.Ingress, Tcp, 8080);

        Assert.True(await Probe.TcpAsync(_lab[1], _lab[2], 8080));
        Assert.True((await Probe.UdpAsync(_lab[1], _lab[2], 8080)).Delivered is false); // UDP is not allowed
        Assert.False(await Probe.TcpAsync(_lab[2], _lab[1], 8080));

        var connections = _lab.Datapath.ConnTrack.Entries().Where(c => c.Protocol == Tcp && c.DestinationPort == 8080).ToList();
        Assert.Contains(connections, c => c.Direction == CtDirection.Egress && c.Source.Equals(_lab[1].V4) && c.Destination.Equals(_lab[2].V4));
        Assert.Contains(connections, c => c.Direction == CtDirection.Ingress && c.Source.Equals(_lab[1].V4) && c.Destination.Equals(_lab[2].V4));
    }

    [Fact]
    public async Task ConnTrack_UdpReplies_PassAsRepliesOfTheTrackedFlow()
    {
        _lab[1].Endpoint.Policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Udp, 5353);
        _lab[2].Endpoint.Policy.Allow(_lab[1].Identity, TrafficDirection.Ingress, Udp, 5353);

        var result = await Probe.UdpAsync(_lab[1], _lab[2], 5353, v6: true);

        Assert.True(result.Delivered);
        Assert.True(result.Answered);
    }

    [Fact]
    public async Task ConnTrack_PolicyRevokedAndRevisionBumped_EstablishedConnectionIsCut()
    {
        using var server = new TcpEchoServer(_lab[2], 8080);
        _lab.AllowAll(_lab[2]);
        var policy = _lab[1].Endpoint.Policy;
        policy.Allow(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080);
        using var connection = await Probe.ConnectAsync(_lab[1], _lab[2], 8080);
        Assert.True(await Probe.EchoAsync(connection));

        policy.Remove(PolicyMap.Key(_lab[2].Identity, TrafficDirection.Egress, Tcp, 8080));
        Assert.True(await Probe.EchoAsync(connection)); // revision not bumped yet: the tracked connection lives on

        _lab[1].Endpoint.BumpPolicyRevision();
        Assert.False(await Probe.EchoAsync(connection));
    }

    [Fact]
    public async Task Fragments_UdpDatagramLargerThanMtu_DeliveredWhole()
    {
        _lab.AllowAll(_lab[1]);
        _lab[2].Endpoint.Policy.Allow(_lab[1].Identity, TrafficDirection.Ingress, Udp, 7000);

        var v4 = await Probe.UdpAsync(_lab[1], _lab[2], 7000, size: 4000);
        var v6 = await Probe.UdpAsync(_lab[1], _lab[2], 7000, v6: true, size: 4000);
        var deniedPort = await Probe.UdpAsync(_lab[1], _lab[2], 7001, size: 4000);

        Assert.True(v4.Answered);
        Assert.True(v6.Answered);
        Assert.False(deniedPort.Delivered);
    }
}
