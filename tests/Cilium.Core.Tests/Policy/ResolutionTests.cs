using System.Net;
using Cilium.Core.Labels;
using Cilium.Core.Policy;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Rules;
using Xunit;
using static Cilium.Core.Tests.Policy.PolicyWorld;

namespace Cilium.Core.Tests.Policy;

public sealed class ResolutionTests
{
    private static string Cnp(string name, string body) =>
        $"apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: {name}\nspec:\n{body}";

    private static PolicyEntry Entry(PolicyWorld world, ushort ep, PolicyKey key) =>
        world.Map(ep).Entries.TryGetValue(key, out var e) ? e : throw new Xunit.Sdk.XunitException($"no entry {key} in {string.Join("; ", world.Map(ep).Sorted.Select(x => x.Key + " " + x.Value))}");

    [Fact]
    public void Resolve_NoPolicy_AllowsAllBothWaysUnenforced()
    {
        var world = new PolicyWorld();
        var map = world.Map(ClientEp);
        Assert.False(map.IngressEnforced);
        Assert.False(map.EgressEnforced);
        Assert.Equal(2, map.Entries.Count);
        Assert.Equal(RuleOrigin.NotEnforced, Assert.Single(Entry(world, ClientEp, PolicyKey.AnyPort(0, TrafficDirection.Ingress)).Rules));
        Assert.True(world.Flows(EchoEp, Echo, ClientEp, Client, 9999));
    }

    [Fact]
    public void Resolve_IngressRule_EnforcesIngressOnlyWithDefaultDenyAndLocalhost()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: client}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {other: client}}]\n    toPorts: [{ports: [{port: \"80\", protocol: TCP}]}]\n"));
        var map = world.Map(ClientEp);
        Assert.True(map.IngressEnforced);
        Assert.False(map.EgressEnforced);
        var key = new PolicyKey(Client2, TrafficDirection.Ingress, Protocols.Tcp, 80, 16);
        Assert.Equal("CiliumNetworkPolicy/cilium-test/p[0]", Assert.Single(Entry(world, ClientEp, key).Rules).Name);
        Assert.Contains(PolicyKey.AnyPort(1, TrafficDirection.Ingress), map.Entries.Keys);
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Ingress, Client2, Protocols.Tcp, 80));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Ingress, Client2, Protocols.Tcp, 81));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Ingress, Echo, Protocols.Tcp, 80));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Ingress, 1, Protocols.Tcp, 10250));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, Echo, Protocols.Udp, 53));
    }

    [Fact]
    public void Resolve_AllowLocalhostOff_HostIsDeniedToo()
    {
        var world = new PolicyWorld(new PolicyEngineOptions { AllowLocalhost = false });
        world.Apply(Cnp("p", "  endpointSelector: {}\n  ingress:\n  - {}\n"));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Ingress, 1, Protocols.Tcp, 10250));
    }

    [Fact]
    public void Resolve_EnableDefaultDenyFalse_KeepsAllowAllAndAppliesDenies()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  enableDefaultDeny: {ingress: false}\n  ingressDeny:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n"));
        Assert.True(world.Map(EchoEp).IngressEnforced);
        Assert.Equal(RuleOrigin.NonDefaultDeny, Assert.Single(Entry(world, EchoEp, PolicyKey.AnyPort(0, TrafficDirection.Ingress)).Rules));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080));
        Assert.True(world.Flows(OtherEp, Other, EchoEp, Echo, 8080));
    }

    [Fact]
    public void Resolve_DefaultDenyRuleBesideNonDefaultDenyRule_DefaultDenyWins()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("a", "  endpointSelector: {matchLabels: {kind: echo}}\n  enableDefaultDeny: {ingress: false}\n  ingress:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n"));
        world.Apply(Cnp("b", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {other: client}}]\n"));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080));
        Assert.False(world.Flows(OtherEp, Other, EchoEp, Echo, 8080));
    }

    [Fact]
    public void Resolve_DenyCoversAllow_AllowKeyIsDroppedFromMap()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {kind: client}}]\n    toPorts: [{ports: [{port: \"8080\", protocol: TCP}]}]\n  ingressDeny:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n"));
        var map = world.Map(EchoEp).Entries;
        Assert.DoesNotContain(new PolicyKey(Client, TrafficDirection.Ingress, Protocols.Tcp, 8080, 16), map.Keys);
        Assert.True(map[PolicyKey.AnyPort(Client, TrafficDirection.Ingress)].IsDeny);
        Assert.False(map[new PolicyKey(Client2, TrafficDirection.Ingress, Protocols.Tcp, 8080, 16)].IsDeny);
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080));
    }

    [Fact]
    public void Resolve_NarrowDenyUnderBroadAllow_OnlyDeniedPortIsDropped()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {kind: client}}]\n  ingressDeny:\n  - fromEndpoints: [{}]\n    toPorts: [{ports: [{port: \"8000\", endPort: 8100, protocol: TCP}]}]\n"));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8000));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 7999));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8101));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080, Protocols.Udp));
    }

    [Fact]
    public void Resolve_WildcardDeny_RemovesEveryCoveredAllow()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEntities: [cluster]\n  ingressDeny:\n  - fromEntities: [all]\n"));
        var map = world.Map(EchoEp).Entries;
        var deny = Assert.Single(map, e => e.Key.Direction == TrafficDirection.Ingress);
        Assert.Equal(PolicyKey.AnyPort(0, TrafficDirection.Ingress), deny.Key);
        Assert.True(deny.Value.IsDeny);
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(EchoEp, TrafficDirection.Ingress, 1, Protocols.Tcp, 1));
    }

    [Theory]
    [InlineData(PolicyEnforcementMode.Always, false)]
    [InlineData(PolicyEnforcementMode.Default, true)]
    public void Resolve_AlwaysMode_DefaultDenyWithoutRules(PolicyEnforcementMode mode, bool flows)
    {
        var world = new PolicyWorld(new PolicyEngineOptions { EnforcementMode = mode });
        Assert.Equal(flows, world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.Equal(!flows, world.Map(EchoEp).IngressEnforced);
    }

    [Fact]
    public void Resolve_NeverMode_IgnoresEvenDenies()
    {
        var world = new PolicyWorld(new PolicyEngineOptions { EnforcementMode = PolicyEnforcementMode.Never });
        world.Apply(Cnp("p", "  endpointSelector: {}\n  ingressDeny:\n  - fromEntities: [all]\n"));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.Equal(2, world.Map(EchoEp).Entries.Count);
    }

    [Fact]
    public void Resolve_InitEndpoint_IsAlwaysEnforced()
    {
        var world = new PolicyWorld();
        var init = LabelSet.Parse(["reserved:init"]);
        world.Engine.UpsertEndpoint(new LocalEndpoint(20, 5, init));
        var map = world.Map(20);
        Assert.True(map.IngressEnforced);
        Assert.True(map.EgressEnforced);
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(20, TrafficDirection.Egress, 2, Protocols.Udp, 53));
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: init}\nspec:\n  endpointSelector: {matchLabels: {reserved:init: \"\"}}\n  egress:\n  - toEntities: [world]\n    toPorts: [{ports: [{port: \"53\", protocol: UDP}]}]\n");
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(20, TrafficDirection.Egress, 2, Protocols.Udp, 53));
    }

    [Theory]
    [InlineData("world", new uint[] { 2, 9, 10 }, new uint[] { 1, 6, Client })]
    [InlineData("world-ipv4", new uint[] { 2, 9 }, new uint[] { 10, Client })]
    [InlineData("cluster", new uint[] { 1, 3, 4, 5, 6, 7, 8, Client, Echo, Other }, new uint[] { 2, 9, 10 })]
    [InlineData("host", new uint[] { 1 }, new uint[] { 6, Client })]
    [InlineData("remote-node", new uint[] { 6, 7 }, new uint[] { 1 })]
    [InlineData("kube-apiserver", new uint[] { 7 }, new uint[] { 6 })]
    [InlineData("health", new uint[] { 4 }, new uint[] { 1 })]
    [InlineData("none", new uint[0], new uint[] { 1, 2, Client })]
    public void Resolve_ToEntities_SelectTheirIdentities(string entity, uint[] allowed, uint[] denied)
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", $"  endpointSelector: {{matchLabels: {{kind: client}}}}\n  egress:\n  - toEntities: [{entity}]\n"));
        foreach (var id in allowed)
        {
            Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, id, Protocols.Tcp, 443));
        }
        foreach (var id in denied)
        {
            Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, id, Protocols.Tcp, 443));
        }
    }

    [Fact]
    public void Resolve_ClusterEntity_FollowsClusterNameOption()
    {
        var world = new PolicyWorld(new PolicyEngineOptions { ClusterName = "east" });
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toEntities: [cluster]\n"));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, Echo, Protocols.Tcp, 8080));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, 6, Protocols.Tcp, 8080));
    }

    [Fact]
    public void Resolve_EntityAll_IsTheWildcardIdentity()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toEntities: [all]\n    toPorts: [{ports: [{port: \"443\", protocol: TCP}]}]\n"));
        var map = world.Map(ClientEp).Entries;
        Assert.Contains(new PolicyKey(0, TrafficDirection.Egress, Protocols.Tcp, 443, 16), map.Keys);
        Assert.Single(map.Keys, k => k.Direction == TrafficDirection.Egress);
    }

    [Fact]
    public void Resolve_CidrSetWithExcept_AllocatesIdentitiesAndLeavesExceptOut()
    {
        var world = new PolicyWorld();
        var update = world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toCIDRSet: [{cidr: 1.0.0.0/8, except: [1.1.1.1/32]}]\n"));
        Assert.Equal(["1.0.0.0/8", "1.1.1.1/32"], update.CidrIdentitiesAdded.Select(c => c.Prefix.ToString()).Order());
        Assert.Equal([CidrIdentityAllocator.First, CidrIdentityAllocator.First + 1], update.CidrIdentitiesAdded.Select(c => c.Identity).Order());
        Assert.True(world.Allocator.TryGetIdentity(CidrText.Parse("1.0.0.0/8"), out var inside));
        Assert.True(world.Allocator.TryGetIdentity(CidrText.Parse("1.1.1.1/32"), out var except));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, inside, Protocols.Tcp, 80));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, except, Protocols.Tcp, 80));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 2, Protocols.Tcp, 80));
        Assert.True(world.Engine.TryGetIdentity(inside, out var identity));
        Assert.Equal(["cidr:1.0.0.0/8", "reserved:world"], identity.Labels.ToStrings());

        var removal = world.Engine.DeletePolicy(new PolicyResourceId(PolicyKind.CiliumNetworkPolicy, Namespace, "p"));
        Assert.Equal(2, removal.CidrIdentitiesRemoved.Count);
        Assert.Equal(0, world.Allocator.Count);
        Assert.False(world.Engine.TryGetIdentity(inside, out _));
    }

    [Fact]
    public void Resolve_CidrOfAnotherRule_IsSelectedByTheWiderPrefix()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("wide", "  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toCIDR: [198.18.0.0/15]\n"));
        world.Apply(Cnp("narrow", "  endpointSelector: {matchLabels: {kind: echo}}\n  egress:\n  - toCIDR: [198.19.0.0/16]\n"));
        Assert.True(world.Allocator.TryGetIdentity(CidrText.Parse("198.19.0.0/16"), out var narrow));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, narrow, Protocols.Tcp, 80));
    }

    [Fact]
    public void Resolve_WorldEntity_SelectsCidrIdentities()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("cidr", "  endpointSelector: {matchLabels: {kind: echo}}\n  egress:\n  - toCIDR: [192.0.2.0/24]\n"));
        world.Apply(Cnp("world", "  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toEntities: [world]\n"));
        Assert.True(world.Allocator.TryGetIdentity(CidrText.Parse("192.0.2.0/24"), out var id));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, id, Protocols.Tcp, 80));
    }

    [Fact]
    public void Resolve_IngressNamedPort_ResolvesAgainstTheEndpointsOwnPorts()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {}\n  ingress:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n    toPorts: [{ports: [{port: http, protocol: TCP}, {port: dns}]}]\n"));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(EchoEp, TrafficDirection.Ingress, Client, Protocols.Tcp, 8080));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(EchoEp, TrafficDirection.Ingress, Client, Protocols.Udp, 53));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(EchoEp, TrafficDirection.Ingress, Client, Protocols.Tcp, 53));
        Assert.DoesNotContain(world.Map(Client2Ep).Entries.Keys, k => k.Identity == Client);

        var update = world.Engine.UpsertEndpoint(new LocalEndpoint(EchoEp, Echo, PodLabels(Namespace, "kind=echo"), [new NamedPort("http", 9090, Protocols.Tcp)]));
        var diff = Assert.Single(update.Endpoints);
        Assert.Equal(
            ["+ingress 1000 9090/TCP", "-ingress 1000 53/UDP", "-ingress 1000 8080/TCP"],
            diff.Changes.Select(c => (c.IsAdded ? "+" : "-") + c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Resolve_IngressNamedPortWithWrongProtocol_AllowsNothing()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {}\n  ingress:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n    toPorts: [{ports: [{port: http, protocol: UDP}]}]\n"));
        Assert.DoesNotContain(world.Map(EchoEp).Entries.Keys, k => k.Identity == Client);
    }

    [Fact]
    public void Resolve_EgressNamedPort_ResolvesAgainstClusterNamedPorts()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {name: client}}\n  egress:\n  - toEndpoints: [{matchLabels: {kind: echo}}]\n    toPorts: [{ports: [{port: http}]}]\n"));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, Echo, Protocols.Tcp, 8080));
        var update = world.Engine.SetClusterNamedPorts([new NamedPort("http", 8080, Protocols.Tcp), new NamedPort("metrics", 9100, Protocols.Tcp)]);
        var change = Assert.Single(Assert.Single(update.Endpoints).Changes);
        Assert.Equal(new PolicyKey(Echo, TrafficDirection.Egress, Protocols.Tcp, 8080, 16), change.Key);
        Assert.True(change.IsAdded);
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, Echo, Protocols.Tcp, 8080));
    }

    [Fact]
    public void Resolve_PortRange_KeysAreAlignedBlocksCoveringExactlyTheRange()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n    toPorts: [{ports: [{port: \"8000\", endPort: 8100, protocol: TCP}]}]\n"));
        var keys = world.Map(EchoEp).Entries.Keys.Where(k => k.Identity == Client).Order().Select(k => k.ToString());
        Assert.Equal(["ingress 1000 8000-8063/TCP", "ingress 1000 8064-8095/TCP", "ingress 1000 8096-8099/TCP", "ingress 1000 8100/TCP"], keys);
        for (var port = 7990; port <= 8110; port++)
        {
            Assert.Equal(port is >= 8000 and <= 8100, world.Flows(ClientEp, Client, EchoEp, Echo, (ushort)port));
        }
    }

    [Fact]
    public void Resolve_Icmps_KeyHoldsTheTypeInThePortHighByte()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: client}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {other: client}}]\n    icmps: [{fields: [{type: 8, family: IPv4}, {type: 128, family: IPv6}]}]\n"));
        var map = world.Map(ClientEp).Entries;
        Assert.Contains(new PolicyKey(Client2, TrafficDirection.Ingress, Protocols.Icmp, 8 << 8, 8), map.Keys);
        Assert.Contains(new PolicyKey(Client2, TrafficDirection.Ingress, Protocols.IcmpV6, 128 << 8, 8), map.Keys);
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Ingress, Client2, Protocols.Icmp, 8 << 8));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Ingress, Client2, Protocols.Icmp, 0));
    }

    [Fact]
    public void DeletePolicy_LastRule_RestoresAllowAllAndReportsTheDiff()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n"));
        var update = world.Engine.DeletePolicy(new PolicyResourceId(PolicyKind.CiliumNetworkPolicy, Namespace, "p"));
        var diff = Assert.Single(update.Endpoints);
        Assert.Equal(EchoEp, diff.EndpointId);
        Assert.Single(diff.Added);
        Assert.Equal(2, diff.Removed.Count());
        Assert.False(world.Map(EchoEp).IngressEnforced);
    }

    [Fact]
    public void UpsertPolicy_SameContentAgain_ChangesNothing()
    {
        var world = new PolicyWorld();
        const string yaml = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec:\n  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {name: client}}]\n";
        world.Apply(yaml);
        Assert.True(world.Apply(yaml).IsEmpty);
    }

    [Fact]
    public void UpsertIdentity_NewPeerIdentity_AddsOnlyItsEntriesToSelectedEndpoints()
    {
        var world = new PolicyWorld();
        world.Apply(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {kind: client}}]\n    toPorts: [{ports: [{port: \"8080\", protocol: TCP}]}]\n"));
        var update = world.Engine.UpsertIdentity(2000, PodLabels(Namespace, "kind=client", "name=client3"));
        var diff = Assert.Single(update.Endpoints);
        Assert.Equal(EchoEp, diff.EndpointId);
        var change = Assert.Single(diff.Changes);
        Assert.True(change.IsAdded);
        Assert.Equal(new PolicyKey(2000, TrafficDirection.Ingress, Protocols.Tcp, 8080, 16), change.Key);

        var removal = world.Engine.RemoveIdentity(2000);
        Assert.True(Assert.Single(Assert.Single(removal.Endpoints).Changes).IsRemoved);
    }

    [Fact]
    public void UpsertIdentity_ReservedOrLocalNumber_IsRefused()
    {
        var engine = new PolicyEngine();
        Assert.Throws<Cilium.Core.Errors.InvalidInputException>(() => engine.UpsertIdentity(2, LabelSet.Parse(["reserved:world"])));
        Assert.Throws<Cilium.Core.Errors.InvalidInputException>(() => engine.UpsertIdentity(CidrIdentityAllocator.First, LabelSet.Parse(["cidr:198.18.0.0/15"])));
    }

    [Fact]
    public void Resolve_Stateless_EqualsEngineMap()
    {
        var world = new PolicyWorld();
        var documents = Cilium.Core.Policy.Parsing.PolicyParser.Parse(Cnp("p", "  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {kind: client}}]\n"), Namespace);
        world.Apply(documents);
        var endpoint = new LocalEndpoint(EchoEp, Echo, PodLabels(Namespace, "kind=echo"));
        var stateless = PolicyEngine.Resolve(new PolicyEngineOptions(), documents[0].Rules,
            world.Engine.Identities.Where(i => i.Id >= 256).Select(i => (i.Id, i.Labels)), endpoint);
        Assert.Equal(world.Map(EchoEp).Sorted.Select(e => e.Key + " " + e.Value), stateless.Sorted.Select(e => e.Key + " " + e.Value));
    }

    [Fact]
    public void CidrIdentityAllocator_ReleasedNumbers_AreReusedLowestFirst()
    {
        var allocator = new CidrIdentityAllocator();
        var a = allocator.Acquire(CidrText.Parse("198.18.0.0/15"), out _);
        var b = allocator.Acquire(CidrText.Parse("11.0.0.0/8"), out _);
        allocator.Acquire(CidrText.Parse("198.18.0.0/15"), out var again);
        Assert.False(again);
        Assert.False(allocator.Release(CidrText.Parse("198.18.0.0/15")));
        Assert.True(allocator.Release(CidrText.Parse("198.18.0.0/15")));
        Assert.Equal(a, allocator.Acquire(CidrText.Parse("12.0.0.0/8"), out _));
        Assert.Equal(16777217u, a);
        Assert.Equal(16777218u, b);
        Assert.Equal(b, allocator.LongestPrefixMatch(IPAddress.Parse("11.2.3.4")));
        Assert.Null(allocator.LongestPrefixMatch(IPAddress.Parse("9.9.9.9")));
    }
}
