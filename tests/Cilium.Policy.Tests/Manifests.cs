namespace Cilium.Policy.Tests;

/// <summary>Policy manifests the tests send, as users write them.</summary>
public static class Manifests
{
    public static string CnpYaml(string ns, string name, string app = "web", int port = 80) => $"""
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          endpointSelector:
            matchLabels:
              app: {app}
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: client
            toPorts:
            - ports:
              - port: "{port}"
                protocol: TCP
        """;

    public static string CnpJson(string ns, string name, string app = "web", int port = 80) =>
        $$$"""{"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"{{{name}}}","namespace":"{{{ns}}}"},"spec":{"endpointSelector":{"matchLabels":{"app":"{{{app}}}"}},"ingress":[{"fromEndpoints":[{"matchLabels":{"app":"client"}}],"toPorts":[{"ports":[{"port":"{{{port}}}","protocol":"TCP"}]}]}]}}""";

    public static string CcnpYaml(string name, string app = "web", int port = 80) => $"""
        apiVersion: cilium.io/v2
        kind: CiliumClusterwideNetworkPolicy
        metadata:
          name: {name}
        spec:
          endpointSelector:
            matchLabels:
              app: {app}
          egress:
          - toEntities: [world]
            toPorts:
            - ports:
              - port: "{port}"
        """;

    public static string CcnpJson(string name, string app = "web", int port = 80) =>
        $$$"""{"apiVersion":"cilium.io/v2","kind":"CiliumClusterwideNetworkPolicy","metadata":{"name":"{{{name}}}"},"spec":{"endpointSelector":{"matchLabels":{"app":"{{{app}}}"}},"egress":[{"toEntities":["world"],"toPorts":[{"ports":[{"port":"{{{port}}}"}]}]}]}}""";

    public static string KnpYaml(string ns, string name, string app = "web", int port = 80) => $"""
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          podSelector:
            matchLabels:
              app: {app}
          ingress:
          - ports:
            - port: {port}
        """;

    public static string KnpJson(string ns, string name, string app = "web", int port = 80) =>
        "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"NetworkPolicy\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},\"spec\":{\"podSelector\":{\"matchLabels\":{\"app\":\"" + app + "\"}},\"ingress\":[{\"ports\":[{\"port\":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}]}]}}";

    /// <summary>The manifest of <paramref name="kind"/> in <paramref name="format"/> ("json" or "yaml").</summary>
    public static string Of(string kind, string format, string ns, string name, string app = "web", int port = 80) => (kind, format) switch
    {
        ("cnp", "json") => CnpJson(ns, name, app, port),
        ("cnp", _) => CnpYaml(ns, name, app, port),
        ("ccnp", "json") => CcnpJson(name, app, port),
        ("ccnp", _) => CcnpYaml(name, app, port),
        ("knp", "json") => KnpJson(ns, name, app, port),
        _ => KnpYaml(ns, name, app, port),
    };

    public static string PathOf(string kind, string ns, string name) => kind switch
    {
        "cnp" => $"/v1/namespaces/{ns}/ciliumnetworkpolicies/{name}",
        "ccnp" => $"/v1/ciliumclusterwidenetworkpolicies/{name}",
        _ => $"/v1/namespaces/{ns}/networkpolicies/{name}",
    };

    public static string KindName(string kind) => kind switch
    {
        "cnp" => "CiliumNetworkPolicy",
        "ccnp" => "CiliumClusterwideNetworkPolicy",
        _ => "NetworkPolicy",
    };
}
