using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Rules;
using Xunit;
using static Cilium.Core.Tests.Policy.PolicyWorld;

namespace Cilium.Core.Tests.Policy;

/// <summary>The intents of <c>cilium connectivity test</c>'s policies (reference 6.1), checked on the maps.</summary>
public sealed class ConnectivityTestPolicyTests
{
    private const uint KubeDns = 1010;
    private const ushort KubeDnsEp = 15;

    private static PolicyWorld World()
    {
        var world = new PolicyWorld();
        world.AddPod(KubeDns, KubeDnsEp, "kube-system", [], "k8s-app=kube-dns");
        return world;
    }

    private const string EchoIngressFromOtherClient = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: echo-ingress-from-other-client}
        spec:
          endpointSelector: {matchLabels: {kind: echo}}
          ingress:
          - fromEndpoints: [{matchLabels: {other: client}}]
            toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
        """;

    [Fact]
    public void ClientIngress_OnlyOtherClientReachesClient()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: client-ingress-from-client2}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {other: client}}]\n");
        Assert.True(world.Flows(Client2Ep, Client2, ClientEp, Client, 8080));
        Assert.False(world.Flows(EchoEp, Echo, ClientEp, Client, 8080));
        Assert.False(world.Flows(ClientEp, Client, Client2Ep, Client2, 8080));
    }

    [Fact]
    public void ClientIngressKnp_SameIntentAsNetworkPolicy()
    {
        var world = World();
        world.Apply("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: client-ingress-from-client2}\nspec:\n  podSelector: {matchLabels: {kind: client}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {other: client}}}]\n");
        Assert.True(world.Flows(Client2Ep, Client2, ClientEp, Client, 8080));
        Assert.False(world.Flows(EchoEp, Echo, ClientEp, Client, 8080));
        Assert.False(world.Flows(OtherEp, Other, ClientEp, Client, 8080));
    }

    [Fact]
    public void ClientIngressIcmp_OnlyEchoRequestsFromOtherClient()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: client-ingress-icmp}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {other: client}}]\n    icmps: [{fields: [{type: 8, family: IPv4}, {type: 128, family: IPv6}]}]\n");
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Ingress, Client2, Protocols.Icmp, 8 << 8));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Ingress, Client2, Protocols.IcmpV6, 128 << 8));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Ingress, Echo, Protocols.Icmp, 8 << 8));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Ingress, Client2, Protocols.Tcp, 8080));
    }

    [Fact]
    public void EchoIngress_OnlyClient2ReachesEcho()
    {
        var world = World();
        world.Apply(EchoIngressFromOtherClient);
        Assert.True(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.False(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8081));
    }

    [Fact]
    public void EchoIngressKnp_SameIntentAsNetworkPolicy()
    {
        var world = World();
        world.Apply("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: echo-ingress-from-other-client}\nspec:\n  podSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {other: client}}}]\n    ports: [{port: 8080}]\n");
        Assert.True(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.False(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080, Protocols.Udp));
    }

    [Theory]
    [InlineData("toEndpoints: [{matchLabels: {kind: echo}}]")]
    [InlineData("toEndpoints: [{matchExpressions: [{key: kind, operator: In, values: [echo]}]}]")]
    public void ClientEgress_ClientReachesEchoAndDnsOnly(string peer)
    {
        var world = World();
        world.Apply($$$"""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {name: client-egress-to-echo}
            spec:
              endpointSelector: {matchLabels: {kind: client}}
              egress:
              - {{{peer}}}
                toPorts: [{ports: [{port: "8080", protocol: TCP}]}]
              - toEndpoints:
                - matchLabels: {k8s:io.kubernetes.pod.namespace: kube-system, k8s:k8s-app: kube-dns}
                toPorts: [{ports: [{port: "53", protocol: ANY}]}]
            """);
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(ClientEp, Client, KubeDnsEp, KubeDns, 53, Protocols.Udp));
        Assert.True(world.Flows(ClientEp, Client, KubeDnsEp, KubeDns, 53, Protocols.Tcp));
        Assert.False(world.Flows(ClientEp, Client, Client2Ep, Client2, 8080));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8081));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 2, Protocols.Tcp, 443));
        Assert.True(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080));
    }

    [Fact]
    public void ClientEgressKnp_SameIntentAsNetworkPolicy()
    {
        var world = World();
        world.Apply("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: client-egress-to-echo}
            spec:
              podSelector: {matchLabels: {kind: client}}
              policyTypes: [Egress]
              egress:
              - to: [{podSelector: {matchLabels: {kind: echo}}}]
                ports: [{port: 8080, protocol: TCP}]
              - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                ports: [{port: 53, protocol: UDP}]
            """);
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(ClientEp, Client, KubeDnsEp, KubeDns, 53, Protocols.Udp));
        Assert.False(world.Flows(ClientEp, Client, KubeDnsEp, KubeDns, 53, Protocols.Tcp));
        Assert.False(world.Flows(ClientEp, Client, Client2Ep, Client2, 8080));
        Assert.True(world.Flows(EchoEp, Echo, ClientEp, Client, 8080));
    }

    [Fact]
    public void ClientEgressToEchoServiceAccount_SelectsByServiceAccount()
    {
        var world = World();
        world.AddPod(1020, 21, Namespace, [], "kind=echo", "io.cilium.k8s.policy.serviceaccount=echo-sa");
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: sa}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toEndpoints: [{matchLabels: {io.cilium.k8s.policy.serviceaccount: echo-sa}}]\n");
        Assert.True(world.Flows(ClientEp, Client, 21, 1020, 8080));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
    }

    [Fact]
    public void AllIngressDeny_NothingReachesPodsButEgressStaysOpen()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: all-ingress-deny}\nspec:\n  endpointSelector: {}\n  ingress:\n  - {}\n");
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.False(world.Flows(Client2Ep, Client2, ClientEp, Client, 8080));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, 2, Protocols.Tcp, 443));
        // The namespaced policy leaves the other namespace alone.
        Assert.True(world.Flows(ClientEp, Client, OtherEp, Other, 8080));
    }

    [Fact]
    public void AllEgressDeny_NoPodInTheNamespaceSendsAnything()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: all-egress-deny}\nspec:\n  endpointSelector: {}\n  egress:\n  - {}\n");
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 2, Protocols.Tcp, 443));
        Assert.True(world.Flows(OtherEp, Other, KubeDnsEp, KubeDns, 53, Protocols.Udp));
    }

    [Fact]
    public void AllEntitiesDeny_DenyToAllBeatsAllowToAll()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: all-entities-deny}\nspec:\n  endpointSelector: {}\n  egress:\n  - toEntities: [all]\n  egressDeny:\n  - toEntities: [all]\n");
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 1, Protocols.Tcp, 443));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 2, Protocols.Udp, 53));
    }

    [Fact]
    public void ClusterEntity_EchoReachableWorldNot()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cluster-entity}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toEntities: [cluster]\n");
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(ClientEp, Client, OtherEp, Other, 8080));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, 6, Protocols.Tcp, 6443));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 2, Protocols.Tcp, 443));
    }

    [Fact]
    public void HostEntityEgress_HostReachableEchoNot()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: host-entity-egress}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toEntities: [host]\n");
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, 1, Protocols.Tcp, 10250));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 6, Protocols.Tcp, 10250));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
    }

    [Theory]
    [InlineData("port: \"80\", protocol: TCP", 80, true)]
    [InlineData("port: \"80\", protocol: TCP", 443, false)]
    [InlineData("port: \"64\", endPort: 127, protocol: TCP", 80, true)]
    [InlineData("port: \"64\", endPort: 127, protocol: TCP", 128, false)]
    public void ToEntitiesWorld_OnlyWorldOnThePortOrRange(string port, int probe, bool allowed)
    {
        var world = World();
        world.Apply($"apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {{name: to-entities-world}}\nspec:\n  endpointSelector: {{matchLabels: {{kind: client}}}}\n  egress:\n  - toEntities: [world]\n    toPorts: [{{ports: [{{{port}}}]}}]\n");
        Assert.Equal(allowed ? PolicyVerdict.Allow : PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, 2, Protocols.Tcp, (ushort)probe));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, (ushort)probe));
    }

    [Fact]
    public void EchoIngressFromOtherClientDeny_AllowAllPlusDenyWins()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: allow-all}\nspec:\n  endpointSelector: {}\n  ingress: [{fromEntities: [all]}]\n  egress: [{toEntities: [all]}]\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: echo-ingress-from-other-client-deny}\nspec:\n  endpointSelector: {matchLabels: {kind: echo}}\n  ingressDeny:\n  - fromEndpoints: [{matchLabels: {other: client}}]\n");
        Assert.False(world.Flows(Client2Ep, Client2, EchoEp, Echo, 8080));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
    }

    [Fact]
    public void ClientEgressToEchoDeny_DeniedPortOnlyToEcho()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: allow-all}\nspec:\n  endpointSelector: {}\n  ingress: [{fromEntities: [all]}]\n  egress: [{toEntities: [all]}]\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: client-egress-to-echo-deny}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  egressDeny:\n  - toEndpoints: [{matchLabels: {kind: echo}}]\n    toPorts: [{ports: [{port: \"8080\", protocol: TCP}]}]\n");
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8081));
        Assert.True(world.Flows(ClientEp, Client, Client2Ep, Client2, 8080));
    }

    [Fact]
    public void ClientIngressToEchoNamedPortDeny_DeniesTheNamedPort()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: allow-all}\nspec:\n  endpointSelector: {}\n  ingress: [{fromEntities: [all]}]\n  egress: [{toEntities: [all]}]\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: client-ingress-to-echo-named-port-deny}\nspec:\n  endpointSelector: {matchLabels: {kind: echo}}\n  ingressDeny:\n  - fromEndpoints: [{matchLabels: {kind: client}}]\n    toPorts: [{ports: [{port: http, protocol: TCP}]}]\n");
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8081));
    }

    [Fact]
    public void ToCidrExternal_ExceptedAddressDropped()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: client-egress-to-cidr}\nspec:\n  endpointSelector: {matchLabels: {kind: client}}\n  egress:\n  - toCIDRSet: [{cidr: 1.0.0.0/8, except: [1.1.1.1/32]}]\n");
        var trace = (string ip) => world.Engine.Trace(new Cilium.Core.Policy.Tracing.TraceRequest(
            Cilium.Core.Policy.Tracing.TracePeer.FromIdentity(Client), Cilium.Core.Policy.Tracing.TracePeer.FromAddress(System.Net.IPAddress.Parse(ip)), 443, Protocols.Tcp)).Verdict;
        Assert.Equal(PolicyVerdict.Allow, trace("1.0.0.1"));
        Assert.Equal(PolicyVerdict.Deny, trace("1.1.1.1"));
        Assert.Equal(PolicyVerdict.Deny, trace("8.8.8.8"));
    }

    [Fact]
    public void ToCidrExternalKnp_IpBlockWithExcept()
    {
        var world = World();
        world.Apply("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: client-egress-to-cidr}\nspec:\n  podSelector: {matchLabels: {kind: client}}\n  policyTypes: [Egress]\n  egress:\n  - to: [{ipBlock: {cidr: 1.0.0.0/8, except: [1.1.1.1/32]}}]\n");
        Assert.True(world.Allocator.TryGetIdentity(Cilium.Core.Policy.CidrText.Parse("1.0.0.0/8"), out var inside));
        Assert.True(world.Allocator.TryGetIdentity(Cilium.Core.Policy.CidrText.Parse("1.1.1.1/32"), out var except));
        Assert.Equal(PolicyVerdict.Allow, world.Verdict(ClientEp, TrafficDirection.Egress, inside, Protocols.Tcp, 443));
        Assert.Equal(PolicyVerdict.Deny, world.Verdict(ClientEp, TrafficDirection.Egress, except, Protocols.Tcp, 443));
    }

    [Fact]
    public void EchoIngressNamedPort_AllowsTheNamedPortOnly()
    {
        var world = World();
        world.Apply("apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: echo-ingress-named-port}\nspec:\n  endpointSelector: {matchLabels: {kind: echo}}\n  ingress:\n  - fromEndpoints: [{matchLabels: {kind: client}}]\n    toPorts: [{ports: [{port: http, protocol: TCP}]}]\n");
        Assert.True(world.Flows(ClientEp, Client, EchoEp, Echo, 8080));
        Assert.False(world.Flows(ClientEp, Client, EchoEp, Echo, 8081));
    }
}
