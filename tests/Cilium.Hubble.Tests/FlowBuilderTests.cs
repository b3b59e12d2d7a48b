using System.Net;
using Cilium.Contracts.Datapath;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Flows;
using Cilium.Hubble.Ingest;
using Cilium.Hubble.Tests.Support;
using Xunit;

namespace Cilium.Hubble.Tests;

public sealed class FlowBuilderTests
{
    private readonly FlowBuilder _builder = new(new TestResolver(), "node-1");

    [Fact]
    public void Build_TraceToEndpoint_FillsFlowLikeCilium()
    {
        var flow = _builder.Build(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, flags: TcpFlags.Syn | TcpFlags.Ack));

        Assert.Equal(Verdict.Forwarded, flow.Verdict);
        Assert.Equal(Notifications.T0, flow.Time.ToDateTimeOffset());
        Assert.True(Guid.TryParse(flow.Uuid, out _));
        Assert.Equal(TestResolver.ClientIp, flow.IP.Source);
        Assert.Equal(TestResolver.ServerIp, flow.IP.Destination);
        Assert.Equal(IPVersion.Ipv4, flow.IP.IpVersion);
        Assert.Equal(40000u, flow.L4.TCP.SourcePort);
        Assert.Equal(80u, flow.L4.TCP.DestinationPort);
        Assert.True(flow.L4.TCP.Flags.SYN);
        Assert.True(flow.L4.TCP.Flags.ACK);
        Assert.False(flow.L4.TCP.Flags.FIN);
        Assert.Equal(7u, flow.Source.ID);
        Assert.Equal(1001u, flow.Source.Identity);
        Assert.Equal("default", flow.Source.Namespace);
        Assert.Equal("client-1", flow.Source.PodName);
        Assert.Contains("k8s:app=client", flow.Source.Labels);
        Assert.Equal("server-1", flow.Destination.PodName);
        Assert.Equal("node-1", flow.NodeName);
        Assert.Equal(FlowType.L3L4, flow.Type);
        Assert.Equal(4, flow.EventType.Type);
        Assert.Equal(0, flow.EventType.SubType);
        Assert.Equal(TraceObservationPoint.ToEndpoint, flow.TraceObservationPoint);
        Assert.Equal(TrafficDirection.Ingress, flow.TrafficDirection);
        Assert.False(flow.IsReply);
        Assert.Equal(12u, flow.Interface.Index);
        Assert.Equal(DropReason.Unknown, flow.DropReasonDesc);
        Assert.Equal("to-endpoint", FlowNames.CompactType(flow));
    }

    [Fact]
    public void Build_PolicyDrop_CarriesReasonCodeAndDescription()
    {
        var flow = _builder.Build(Notifications.Drop(TestResolver.ClientIp, TestResolver.WorldIp, DropReasons.PolicyDeny));

        Assert.Equal(Verdict.Dropped, flow.Verdict);
        Assert.Equal(DropReason.PolicyDeny, flow.DropReasonDesc);
#pragma warning disable CS0612
        Assert.Equal(181u, flow.DropReason);
#pragma warning restore CS0612
        Assert.Equal(1, flow.EventType.Type);
        Assert.Equal(181, flow.EventType.SubType);
        Assert.Equal("Policy denied by denylist", FlowNames.CompactType(flow));
        Assert.Equal(TrafficDirection.Egress, flow.TrafficDirection);
        // The world IP is no pod: the endpoint comes from the identity's labels.
        Assert.Equal(2u, flow.Destination.Identity);
        Assert.Equal(["reserved:world"], flow.Destination.Labels);
        Assert.Equal("", flow.Destination.PodName);
    }

    [Fact]
    public void Build_PolicyVerdictDenied_IsDroppedWithMatchTypeAndDeniedBy()
    {
        var correlator = new FixedCorrelator(new PolicyRef("deny-world", "default", "CiliumNetworkPolicy", ["k8s:io.cilium.k8s.policy.name=deny-world"], 3));
        var builder = new FlowBuilder(new TestResolver(), "node-1", correlator);
        var flow = builder.Build(new DatapathNotification
        {
            Type = NotificationType.PolicyVerdict,
            Timestamp = Notifications.T0,
            DropReason = DropReasons.PolicyDenied,
            SourceIp = IPAddress.Parse(TestResolver.ServerIp),
            DestinationIp = IPAddress.Parse(TestResolver.ClientIp),
            Protocol = 17,
            SourcePort = 1234,
            DestinationPort = 53,
            Direction = PacketDirection.Ingress,
            MatchType = PolicyMatch.L3L4,
        });

        Assert.Equal(Verdict.Dropped, flow.Verdict);
        Assert.Equal(DropReason.PolicyDenied, flow.DropReasonDesc);
        Assert.Equal(2u, flow.PolicyMatchType);
        Assert.Equal(53u, flow.L4.UDP.DestinationPort);
        Assert.Equal("policy-verdict:L3-L4 INGRESS", FlowNames.CompactType(flow));
        var policy = Assert.Single(flow.IngressDeniedBy);
        Assert.Equal("deny-world", policy.Name);
        Assert.Equal(3ul, policy.Revision);
        Assert.Empty(flow.IngressAllowedBy);
        Assert.Null(flow.IsReply);
    }

    [Fact]
    public void Build_PolicyVerdictAllowedEgress_IsForwardedWithAllowedBy()
    {
        var builder = new FlowBuilder(new TestResolver(), "node-1", new FixedCorrelator(new PolicyRef("allow-dns", "kube-system", "CiliumNetworkPolicy", [], 1)));
        var flow = builder.Build(Notifications.Udp(TestResolver.ClientIp, TestResolver.DnsIp) with { Type = NotificationType.PolicyVerdict, MatchType = PolicyMatch.L4Only });

        Assert.Equal(Verdict.Forwarded, flow.Verdict);
        Assert.Equal("allow-dns", Assert.Single(flow.EgressAllowedBy).Name);
        Assert.Equal("policy-verdict:L4-Only EGRESS", FlowNames.CompactType(flow));
    }

    [Fact]
    public void Build_AuditedPolicyVerdict_IsAudit()
    {
        var flow = _builder.Build(Notifications.Udp(TestResolver.ClientIp, TestResolver.DnsIp) with { Type = NotificationType.PolicyVerdict, DropReason = 133, Audit = true });
        Assert.Equal(Verdict.Audit, flow.Verdict);
    }

    [Fact]
    public void Build_Icmpv6_FillsTypeAndIpVersion()
    {
        var flow = _builder.Build(new DatapathNotification
        {
            Type = NotificationType.Trace,
            Timestamp = Notifications.T0,
            SourceIp = IPAddress.Parse("fd00::1"),
            DestinationIp = IPAddress.Parse("fd00::2"),
            Protocol = 58,
            IcmpType = 128,
        });
        Assert.Equal(IPVersion.Ipv6, flow.IP.IpVersion);
        Assert.Equal(128u, flow.L4.ICMPv6.Type);
        Assert.Equal("ICMPv6 EchoRequest", FlowNames.Summary(flow.L4));
    }

    [Fact]
    public void Build_SameEndpointTwice_SharesOneWireEndpoint()
    {
        var a = _builder.Build(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp));
        var b = _builder.Build(Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp));
        Assert.Same(a.Source, b.Source);
    }

    [Theory]
    [InlineData(133, "Policy denied")]
    [InlineData(181, "Policy denied by denylist")]
    [InlineData(132, "Invalid source ip")]
    [InlineData(189, "Authentication required")]
    [InlineData(999, "999")]
    public void Describe_DropCode_ReturnsCiliumText(int code, string text)
    {
        Assert.Equal(text, DropReasons.Describe(code));
    }

    [Fact]
    public void DropReasonTable_EveryKnownCode_IsAProtoEnumValue()
    {
        foreach (var code in Enumerable.Range(130, 76).Where(DropReasons.IsKnown))
        {
            Assert.True(Enum.IsDefined((DropReason)code), $"drop code {code} has no flow.DropReason value");
        }
    }

    private sealed class FixedCorrelator(PolicyRef policy) : IPolicyCorrelator
    {
        public IReadOnlyList<PolicyRef> Correlate(DatapathNotification notification, bool denied) => [policy];
    }
}
