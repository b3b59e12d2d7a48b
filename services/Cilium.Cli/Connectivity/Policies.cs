namespace Cilium.Cli.Connectivity;

/// <summary>
/// The policies of the connectivity test, written from the intent of each of Cilium's test manifests
/// (<c>cilium-cli/connectivity/builder/manifests/</c>): same names, same selectors and the same effect.
/// </summary>
public static class Policies
{
    private const string Cnp = "ciliumnetworkpolicies";
    private const string Knp = "networkpolicies";

    private static PolicyManifest Cilium(string ns, string name, string spec) =>
        new(Cnp, name, $"apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{Indent(spec)}");

    private static PolicyManifest Kubernetes(string ns, string name, string spec) =>
        new(Knp, name, $"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n{Indent(spec)}");

    private static string Indent(string yaml) => string.Join('\n', yaml.Trim('\n').Split('\n').Select(l => "  " + l)) + "\n";

    /// <summary>Everything inside the cluster, in both directions; nothing to or from the world.</summary>
    public static PolicyManifest AllowAllExceptWorld(string ns) => Cilium(ns, "allow-all-except-world", """
        endpointSelector: {}
        ingress:
        - fromEntities: [cluster, host, remote-node, health, init]
        - fromEndpoints: [{}]
        egress:
        - toEntities: [cluster, host, remote-node, health, init]
        - toEndpoints: [{}]
        """);

    /// <summary>Allow-all for both directions, the base the *-deny tests lay a deny rule over.</summary>
    public static PolicyManifest AllowAll(string ns) => Cilium(ns, "allow-all", """
        endpointSelector: {}
        ingress:
        - fromEntities: [all]
        egress:
        - toEntities: [all]
        """);

    public static PolicyManifest ClientIngressFromClient2(string ns) => Cilium(ns, "client-ingress-from-client2", """
        endpointSelector:
          matchLabels: {kind: client}
        ingress:
        - fromEndpoints:
          - matchLabels: {other: client}
        """);

    public static PolicyManifest ClientIngressFromClient2Knp(string ns) => Kubernetes(ns, "client-ingress-from-client2", """
        podSelector:
          matchLabels: {kind: client}
        policyTypes: [Ingress]
        ingress:
        - from:
          - podSelector:
              matchLabels: {other: client}
        """);

    public static PolicyManifest ClientIngressFromClient2Icmp(string ns) => Cilium(ns, "client-ingress-from-client2-icmp", """
        endpointSelector:
          matchLabels: {kind: client}
        ingress:
        - fromEndpoints:
          - matchLabels: {other: client}
          icmps:
          - fields:
            - {type: 8, family: IPv4}
        """);

    public static PolicyManifest EchoIngressFromOtherClient(string ns) => Cilium(ns, "echo-ingress-from-other-client", """
        endpointSelector:
          matchLabels: {kind: echo}
        ingress:
        - fromEndpoints:
          - matchLabels: {other: client}
          toPorts:
          - ports:
            - {port: "8080", protocol: TCP}
        """);

    public static PolicyManifest EchoIngressFromOtherClientKnp(string ns) => Kubernetes(ns, "echo-ingress-from-other-client", """
        podSelector:
          matchLabels: {kind: echo}
        policyTypes: [Ingress]
        ingress:
        - from:
          - podSelector:
              matchLabels: {other: client}
          ports:
          - {port: 8080, protocol: TCP}
        """);

    public static PolicyManifest ClientEgressToEcho(string ns) => Cilium(ns, "client-egress-to-echo", """
        endpointSelector:
          matchLabels: {kind: client}
        egress:
        - toEndpoints:
          - matchLabels: {kind: echo}
          toPorts:
          - ports:
            - {port: "8080", protocol: TCP}
        """);

    public static PolicyManifest ClientEgressToEchoExpression(string ns) => Cilium(ns, "client-egress-to-echo-expression", """
        endpointSelector:
          matchExpressions:
          - {key: kind, operator: In, values: [client]}
        egress:
        - toEndpoints:
          - matchExpressions:
            - {key: kind, operator: In, values: [echo]}
            - {key: other, operator: DoesNotExist}
          toPorts:
          - ports:
            - {port: "8080", protocol: TCP}
        """);

    public static PolicyManifest ClientEgressToEchoKnp(string ns) => Kubernetes(ns, "client-egress-to-echo", """
        podSelector:
          matchLabels: {kind: client}
        policyTypes: [Egress]
        egress:
        - to:
          - podSelector:
              matchLabels: {kind: echo}
          ports:
          - {port: 8080, protocol: TCP}
        """);

    public static PolicyManifest ClientEgressToEchoPortRange(string ns, int from, int to) => Cilium(ns, $"client-egress-to-echo-ports-{from}-{to}", $$"""
        endpointSelector:
          matchLabels: {kind: client}
        egress:
        - toEndpoints:
          - matchLabels: {kind: echo}
          toPorts:
          - ports:
            - {port: "{{from}}", endPort: {{to}}, protocol: TCP}
        """);

    public static PolicyManifest AllIngressDeny(string ns) => Cilium(ns, "all-ingress-deny", """
        endpointSelector: {}
        ingress:
        - {}
        """);

    public static PolicyManifest AllEgressDeny(string ns) => Cilium(ns, "all-egress-deny", """
        endpointSelector: {}
        egress:
        - {}
        """);

    public static PolicyManifest AllEntitiesDeny(string ns) => Cilium(ns, "all-entities-deny", """
        endpointSelector: {}
        ingressDeny:
        - fromEntities: [all]
        egressDeny:
        - toEntities: [all]
        """);

    public static PolicyManifest ClientEgressToCluster(string ns) => Cilium(ns, "client-egress-to-entities-cluster", """
        endpointSelector:
          matchLabels: {kind: client}
        egress:
        - toEntities: [cluster]
        """);

    public static PolicyManifest ClientEgressToHost(string ns) => Cilium(ns, "client-egress-to-entities-host", """
        endpointSelector:
          matchLabels: {kind: client}
        egress:
        - toEntities: [host]
        """);

    public static PolicyManifest EchoIngressFromHost(string ns) => Cilium(ns, "echo-ingress-from-entities-host", """
        endpointSelector:
          matchLabels: {kind: echo}
        ingress:
        - fromEntities: [host]
        """);

    public static PolicyManifest EchoIngressFromOtherClientDeny(string ns) => Cilium(ns, "echo-ingress-from-other-client-deny", """
        endpointSelector:
          matchLabels: {kind: echo}
        ingressDeny:
        - fromEndpoints:
          - matchLabels: {other: client}
        """);

    public static PolicyManifest ClientEgressToEchoDeny(string ns) => Cilium(ns, "client-egress-to-echo-deny", """
        endpointSelector:
          matchLabels: {kind: client}
        egressDeny:
        - toEndpoints:
          - matchLabels: {name: echo-same-node}
          toPorts:
          - ports:
            - {port: "8080", protocol: TCP}
        """);

    public static PolicyManifest ClientEgressToEchoExpressionDeny(string ns) => Cilium(ns, "client-egress-to-echo-expression-deny", """
        endpointSelector:
          matchLabels: {kind: client}
        egressDeny:
        - toEndpoints:
          - matchExpressions:
            - {key: name, operator: In, values: [echo-same-node]}
          toPorts:
          - ports:
            - {port: "8080", protocol: TCP}
        """);

    public static PolicyManifest ClientIngressFromOtherClientIcmpDeny(string ns) => Cilium(ns, "client-ingress-from-other-client-icmp-deny", """
        endpointSelector:
          matchLabels: {kind: client}
        ingressDeny:
        - fromEndpoints:
          - matchLabels: {other: client}
          icmps:
          - fields:
            - {type: 8, family: IPv4}
        """);
}
