using static Cilium.Cli.Connectivity.Scenarios;

namespace Cilium.Cli.Connectivity;

/// <summary>
/// The suite, in Cilium's names and order (reference/CILIUM.md 6.1). Tests whose every scenario needs the internet,
/// Kubernetes services, an L7 proxy or a feature this system lacks are listed as skipped with the reason.
/// </summary>
public static class TestCatalog
{
    private const string NoInternet = "the lab has no route to the internet by design (ARCHITECTURE 7)";
    private const string NoServices = "Kubernetes services / kube-proxy replacement are not implemented";
    private const string NoL7 = "the L7 (Envoy) proxy is not implemented";

    /// <summary>Scenarios of no-policies that need services, host ports or the internet.</summary>
    private const int NoPoliciesSkippedScenarios = 4;

    public static IReadOnlyList<ConnectivityTest> All(string ns)
    {
        bool OtherClient(Peer p) => p.Has("other", "client");
        bool IsClient(Peer p) => p.Has("kind", "client");
        Expect DropUnless(Func<Peer, Peer, bool> allowed) => (s, d) => allowed(s, d) ? Expectation.Success : Expectation.Drop;

        return
        [
            new("no-policies", [], p => [.. PodToPod(p, AllSucceed), .. ClientToClient(p, AllSucceed), .. PodToHost(p, AllSucceed), .. HostToPod(p, AllSucceed)],
                SkippedScenarios: NoPoliciesSkippedScenarios),
            Skipped("no-policies-extra", NoServices + " (NodePort)"),
            Skipped("no-policies-from-outside", "no node outside the cluster in the lab"),
            new("allow-all-except-world", [Policies.AllowAllExceptWorld(ns)], p => [.. PodToPod(p, AllSucceed), .. ClientToClient(p, AllSucceed), .. PodToHost(p, AllSucceed)],
                SkippedScenarios: 1),
            new("client-ingress", [Policies.ClientIngressFromClient2(ns)], p => ClientToClient(p, DropUnless((s, _) => OtherClient(s)))),
            new("client-ingress-knp", [Policies.ClientIngressFromClient2Knp(ns)], p => ClientToClient(p, DropUnless((s, _) => OtherClient(s)))),
            new("client-ingress-icmp", [Policies.ClientIngressFromClient2Icmp(ns)], p => ClientToClient(p, DropUnless((s, _) => OtherClient(s)))),
            new("echo-ingress", [Policies.EchoIngressFromOtherClient(ns)], p => PodToPod(p, DropUnless((s, _) => OtherClient(s)))),
            new("echo-ingress-knp", [Policies.EchoIngressFromOtherClientKnp(ns)], p => PodToPod(p, DropUnless((s, _) => OtherClient(s)))),
            new("client-egress", [Policies.ClientEgressToEcho(ns)], p => [.. PodToPod(p, AllSucceed), .. ClientToClient(p, AllDrop)]),
            new("client-egress-knp", [Policies.ClientEgressToEchoKnp(ns)], p => [.. PodToPod(p, AllSucceed), .. ClientToClient(p, AllDrop)]),
            new("client-egress-expression", [Policies.ClientEgressToEchoExpression(ns)], p => [.. PodToPod(p, AllSucceed), .. ClientToClient(p, AllDrop)]),
            new("client-egress-to-echo-port-range", [Policies.ClientEgressToEchoPortRange(ns, 8000, 8090)], p => PodToPod(p, AllSucceed)),
            new("client-egress-to-echo-port-range-outside", [Policies.ClientEgressToEchoPortRange(ns, 8081, 8999)], p => PodToPod(p, AllDrop)),
            Skipped("client-ingress-to-echo-named-port-deny", "named ports: lab pods declare no container ports the agent could resolve"),
            Skipped("client-egress-to-echo-service-account", "service-account selection needs the Kubernetes API"),
            new("all-ingress-deny", [Policies.AllIngressDeny(ns)], p => [.. PodToPod(p, AllDrop), .. ClientToClient(p, AllDrop)]),
            new("all-egress-deny", [Policies.AllEgressDeny(ns)], p => [.. PodToPod(p, AllDrop), .. ClientToClient(p, AllDrop)]),
            new("all-entities-deny", [Policies.AllEntitiesDeny(ns)], p => [.. PodToPod(p, AllDrop), .. ClientToClient(p, AllDrop)]),
            new("cluster-entity", [Policies.ClientEgressToCluster(ns)], p => PodToPod(p, AllSucceed)),
            // host is the client's own node; the other nodes are remote-node, which the host entity does not cover.
            new("host-entity-egress", [Policies.ClientEgressToHost(ns)], p => PodToHost(p, DropUnless((s, d) => d.Node == s.Node))),
            new("host-entity-ingress", [Policies.EchoIngressFromHost(ns)], p => [.. HostToPod(p, DropUnless((s, d) => s.Node == d.Node)), .. PodToPod(p, AllDrop)]),
            new("echo-ingress-from-other-client-deny", [Policies.AllowAll(ns), Policies.EchoIngressFromOtherClientDeny(ns)],
                p => PodToPod(p, DropUnless((s, _) => !OtherClient(s)))),
            new("client-egress-to-echo-deny", [Policies.AllowAll(ns), Policies.ClientEgressToEchoDeny(ns)],
                p => PodToPod(p, DropUnless((_, d) => !d.Has("name", "echo-same-node")))),
            new("client-egress-to-echo-expression-deny", [Policies.AllowAll(ns), Policies.ClientEgressToEchoExpressionDeny(ns)],
                p => PodToPod(p, DropUnless((_, d) => !d.Has("name", "echo-same-node")))),
            new("client-ingress-from-other-client-icmp-deny", [Policies.AllowAll(ns), Policies.ClientIngressFromOtherClientIcmpDeny(ns)],
                p => ClientToClient(p, DropUnless((s, d) => !(OtherClient(s) && IsClient(d))))),
            Skipped("to-entities-world", NoInternet),
            Skipped("to-entities-world-port-range", NoInternet),
            Skipped("to-cidr-external", NoInternet),
            Skipped("to-cidr-external-knp", NoInternet),
            Skipped("from-cidr-host-netns", "host-network pods (host-netns DaemonSet) are not part of the lab yet"),
            Skipped("client-egress-to-cidr-deny", NoInternet),
            Skipped("echo-ingress-l7", NoL7),
            Skipped("echo-ingress-l7-named-port", NoL7),
            Skipped("client-egress-l7", NoL7),
            Skipped("client-egress-l7-method", NoL7),
            Skipped("client-egress-tls-sni", NoL7),
            Skipped("dns-only", "no DNS server or DNS proxy in the lab"),
            Skipped("to-fqdns", NoInternet + "; no DNS proxy"),
            Skipped("pod-to-service", NoServices),
            Skipped("pod-to-ingress-service", NoServices),
            Skipped("north-south-loadbalancing", NoServices),
            Skipped("health", "cilium-health is not implemented"),
            Skipped("pod-to-pod-encryption", "transparent encryption (WireGuard/IPsec) is not implemented"),
            Skipped("node-to-node-encryption", "transparent encryption (WireGuard/IPsec) is not implemented"),
            Skipped("egress-gateway", "egress gateway is not implemented"),
            Skipped("local-redirect-policy", "local redirect policy is not implemented"),
        ];
    }

    private static ConnectivityTest Skipped(string name, string reason) => ConnectivityTest.Skipped(name, reason);
}
