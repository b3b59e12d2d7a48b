using System.Net;
using Cilium.Core.Errors;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Tracing;
using CsCheck;
using Xunit;
using static Cilium.Core.Tests.Policy.PolicyWorld;

namespace Cilium.Core.Tests.Policy;

public sealed class PolicyTraceTests
{
    private const string Policies = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: echo-in}
        spec:
          endpointSelector: {matchLabels: {kind: echo}}
          ingress:
          - fromEndpoints: [{matchLabels: {kind: client}}]
            toPorts: [{ports: [{port: "8000", endPort: 8100, protocol: TCP}, {port: dns}]}]
          ingressDeny:
          - fromEndpoints: [{matchLabels: {name: client}}]
            toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
        ---
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: client-out}
        spec:
          endpointSelector: {matchLabels: {kind: client}}
          egress:
          - toEndpoints: [{matchLabels: {kind: echo}}]
          - toCIDRSet: [{cidr: 198.51.100.0/24, except: [198.51.100.7/32]}]
            toPorts: [{ports: [{port: "443", protocol: TCP}]}]
        """;

    [Fact]
    public void Trace_AllowedFlow_NamesTheAllowingRuleOnEachSide()
    {
        var world = new PolicyWorld();
        world.Apply(Policies);
        var result = world.Engine.Trace(new TraceRequest(TracePeer.FromIdentity(Client2), TracePeer.FromIdentity(Echo), 8050, Protocols.Tcp));
        Assert.Equal(PolicyVerdict.Allow, result.Verdict);
        Assert.Equal("CiliumNetworkPolicy/cilium-test/client-out[0]", Assert.Single(result.Egress.Rules).Name);
        Assert.Equal("CiliumNetworkPolicy/cilium-test/echo-in[0]", Assert.Single(result.Ingress.Rules).Name);
        Assert.True(result.Ingress.Enforced);
    }

    [Fact]
    public void Trace_DeniedByRule_NamesTheDenyRule()
    {
        var world = new PolicyWorld();
        world.Apply(Policies);
        var result = world.Engine.Trace(new TraceRequest(
            TracePeer.FromLabels(PodLabels(Namespace, "kind=client", "name=client")), TracePeer.FromIdentity(Echo), 8080, Protocols.Tcp));
        Assert.Equal(PolicyVerdict.Deny, result.Verdict);
        Assert.Equal(PolicyVerdict.Allow, result.Egress.Verdict);
        Assert.Equal(PolicyVerdict.Deny, result.Ingress.Verdict);
        Assert.Equal("CiliumNetworkPolicy/cilium-test/echo-in[0]", Assert.Single(result.Ingress.Rules).Name);
        Assert.Contains("denied", result.Ingress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_NoMatchingRule_IsDefaultDenyWithNoRules()
    {
        var world = new PolicyWorld();
        world.Apply(Policies);
        var result = world.Engine.Trace(new TraceRequest(TracePeer.FromIdentity(Other), TracePeer.FromIdentity(Echo), 8050, Protocols.Tcp));
        Assert.Equal(PolicyVerdict.Deny, result.Verdict);
        Assert.False(result.Egress.Enforced);
        Assert.Empty(result.Ingress.Rules);
        Assert.Contains("default-deny", result.Ingress.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Trace_UnallocatedLabels_AreMatchedBySelectors()
    {
        var world = new PolicyWorld();
        world.Apply(Policies);
        var result = world.Engine.Trace(new TraceRequest(
            TracePeer.FromLabels(PodLabels(Namespace, "kind=client", "name=client9")), TracePeer.FromIdentity(Echo), 8050, Protocols.Tcp));
        Assert.Equal(0u, result.SourceIdentity);
        Assert.Equal(PolicyVerdict.Allow, result.Verdict);
    }

    [Theory]
    [InlineData("198.51.100.20", PolicyVerdict.Allow)]
    [InlineData("198.51.100.7", PolicyVerdict.Deny)]
    [InlineData("203.0.113.1", PolicyVerdict.Deny)]
    public void Trace_AddressDestination_ResolvesThroughCidrIdentities(string address, PolicyVerdict expected)
    {
        var world = new PolicyWorld();
        world.Apply(Policies);
        var result = world.Engine.Trace(new TraceRequest(TracePeer.FromIdentity(Client), TracePeer.FromAddress(IPAddress.Parse(address)), 443, Protocols.Tcp));
        Assert.Equal(expected, result.Verdict);
        Assert.False(result.Ingress.Enforced);
    }

    [Fact]
    public void Trace_CallersIpcache_DecidesAddressIdentity()
    {
        var world = new PolicyWorld();
        world.Apply(Policies);
        var pods = new Dictionary<IPAddress, uint> { [IPAddress.Parse("198.18.0.10")] = Client2, [IPAddress.Parse("198.18.0.20")] = Echo };
        var result = world.Engine.Trace(
            new TraceRequest(TracePeer.FromAddress(IPAddress.Parse("198.18.0.10")), TracePeer.FromAddress(IPAddress.Parse("198.18.0.20")), 53, Protocols.Udp),
            ip => pods.TryGetValue(ip, out var id) ? id : null);
        Assert.Equal((Client2, Echo), (result.SourceIdentity, result.DestinationIdentity));
        Assert.Equal(PolicyVerdict.Allow, result.Verdict);
    }

    [Fact]
    public void Trace_UnknownIdentity_IsInvalidInput()
    {
        var world = new PolicyWorld();
        var error = Assert.Throws<InvalidInputException>(() => world.Engine.Trace(new TraceRequest(TracePeer.FromIdentity(4242), TracePeer.FromIdentity(Echo), 80, Protocols.Tcp)));
        Assert.Equal("source.identity", error.Field);
    }

    [Fact]
    public void Trace_AnyFlowBetweenPods_AgreesWithTheMaps()
    {
        var world = new PolicyWorld();
        world.Apply(Policies);
        (ushort Ep, uint Id)[] pods = [(ClientEp, Client), (Client2Ep, Client2), (EchoEp, Echo), (OtherEp, Other)];
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.UShort[7990, 8110], Gen.OneOf(Protocols.Tcp, Protocols.Udp)).Sample((s, d, port, protocol) =>
        {
            var (sourceEp, sourceId) = pods[s];
            var (destinationEp, destinationId) = pods[d];
            var trace = world.Engine.Trace(new TraceRequest(TracePeer.FromIdentity(sourceId), TracePeer.FromIdentity(destinationId), port, protocol));
            return trace.Egress.Verdict == world.Verdict(sourceEp, TrafficDirection.Egress, destinationId, protocol, port) &&
                   trace.Ingress.Verdict == world.Verdict(destinationEp, TrafficDirection.Ingress, sourceId, protocol, port);
        });
    }
}
