using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;
using Xunit;

namespace Cilium.Core.Tests.Policy;

public sealed class PolicyParserTests
{
    private const string Cnp = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata:
          name: web
          namespace: shop
          uid: 5f1c
        spec:
          endpointSelector:
            matchLabels:
              app: web
          ingress:
          - fromEndpoints:
            - matchLabels:
                app: client
            toPorts:
            - ports:
              - port: 80
                protocol: TCP
              - port: "8000"
                endPort: 8100
                protocol: UDP
        """;

    [Fact]
    public void Parse_CnpYaml_ImportsRuleWithPortsAndLabels()
    {
        var document = Assert.Single(PolicyParser.Parse(Cnp));
        Assert.Equal(new PolicyResourceId(PolicyKind.CiliumNetworkPolicy, "shop", "web"), document.Id);
        var manifest = Assert.IsType<CiliumNetworkPolicy>(document.Manifest);
        Assert.Equal("80", manifest.Spec!.Ingress![0].ToPorts![0].Ports![0].Port);
        var rule = Assert.Single(document.Rules);
        var peer = Assert.Single(rule.Ingress);
        Assert.Equal([new PortSpec(Protocols.Tcp, 80, 80), new PortSpec(Protocols.Udp, 8000, 8100)], peer.Ports);
        Assert.Equal(
            ["k8s:io.cilium.k8s.policy.derived-from=CiliumNetworkPolicy", "k8s:io.cilium.k8s.policy.name=web",
             "k8s:io.cilium.k8s.policy.namespace=shop", "k8s:io.cilium.k8s.policy.uid=5f1c"],
            rule.Origin.Labels.ToStrings());
        Assert.Equal("CiliumNetworkPolicy/shop/web[0]", rule.Origin.Name);
    }

    [Fact]
    public void Parse_SameManifestAsJson_GivesTheSameRules()
    {
        const string json = """
            {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"web","namespace":"shop","uid":"5f1c"},
             "spec":{"endpointSelector":{"matchLabels":{"app":"web"}},
                     "ingress":[{"fromEndpoints":[{"matchLabels":{"app":"client"}}],
                                 "toPorts":[{"ports":[{"port":"80","protocol":"TCP"},{"port":"8000","endPort":8100,"protocol":"UDP"}]}]}]}}
            """;
        var fromYaml = PolicyParser.Parse(Cnp)[0].Rules[0];
        var fromJson = PolicyParser.Parse(json)[0].Rules[0];
        Assert.Equal(fromYaml.Subject, fromJson.Subject);
        Assert.Equal(fromYaml.Ingress[0].Endpoints, fromJson.Ingress[0].Endpoints);
        Assert.Equal(fromYaml.Ingress[0].Ports, fromJson.Ingress[0].Ports);
        Assert.Equal(fromYaml.Origin.Labels, fromJson.Origin.Labels);
    }

    [Fact]
    public void Parse_MultiDocumentYamlAndJsonArray_ReturnEveryDocument()
    {
        var yaml = Cnp + "\n---\n" + """
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata:
              name: cw
            specs:
            - endpointSelector: {}
              egress:
              - toEntities: [world]
            - endpointSelector: {}
              ingressDeny:
              - fromEntities: [world]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: np
            spec:
              podSelector: {}
            """;
        var documents = PolicyParser.Parse(yaml, "dflt");
        Assert.Equal(3, documents.Count);
        Assert.Equal(2, documents[1].Rules.Count);
        Assert.Equal(new PolicyResourceId(PolicyKind.NetworkPolicy, "dflt", "np"), documents[2].Id);
        Assert.Equal([0, 1, 2], documents.Select(d => d.Index));

        var array = """
            [{"apiVersion":"cilium.io/v2","kind":"CiliumClusterwideNetworkPolicy","metadata":{"name":"a"},"spec":{"endpointSelector":{}}},
             {"apiVersion":"cilium.io/v2","kind":"CiliumClusterwideNetworkPolicy","metadata":{"name":"b"},"spec":{"endpointSelector":{}}}]
            """;
        Assert.Equal(["a", "b"], PolicyParser.Parse(array).Select(d => d.Id.Name));
    }

    [Fact]
    public void Parse_KubernetesList_ExpandsItems()
    {
        const string list = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: cilium.io/v2
              kind: CiliumNetworkPolicy
              metadata: {name: a, namespace: x, resourceVersion: "12"}
              spec: {endpointSelector: {}}
            - apiVersion: cilium.io/v2
              kind: CiliumNetworkPolicy
              metadata: {name: b, namespace: x}
              spec: {endpointSelector: {}}
            """;
        Assert.Equal(["a", "b"], PolicyParser.Parse(list).Select(d => d.Id.Name));
    }

    [Theory]
    [InlineData("port: 70000", "spec.ingress[0].toPorts[0].ports[0].port", "0-65535")]
    [InlineData("port: \"web_port\"", "spec.ingress[0].toPorts[0].ports[0].port", "IANA_SVC_NAME")]
    [InlineData("port: 80, endPort: 70", "spec.ingress[0].toPorts[0].ports[0].endPort", "between")]
    [InlineData("port: http, endPort: 90", "spec.ingress[0].toPorts[0].ports[0].endPort", "named port")]
    [InlineData("port: 80, protocol: GRE", "spec.ingress[0].toPorts[0].ports[0].protocol", "TCP, UDP")]
    [InlineData("prot: 80", "spec.ingress[0].toPorts[0].ports[0].prot", "unknown field")]
    public void Parse_BadPort_NamesFieldAndReason(string port, string field, string reason)
    {
        var yaml = $"""
            apiVersion: cilium.io/v2
            kind: CiliumNetworkPolicy
            metadata: {"{"}name: p{"}"}
            spec:
              endpointSelector: {"{"}{"}"}
              ingress:
              - toPorts:
                - ports:
                  - {"{"}{port}{"}"}
            """;
        var error = Assert.Throws<InvalidInputException>(() => PolicyParser.Parse(yaml));
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ingress:\n  - toPorts:\n    - ports: [{port: \"80\"}]\n      rules:\n        http: [{method: GET}]", "spec.ingress[0].toPorts[0].rules.http", "L7 proxy")]
    [InlineData("egress:\n  - toPorts:\n    - ports: [{port: \"53\", protocol: UDP}]\n      rules:\n        dns: [{matchPattern: \"*\"}]", "spec.egress[0].toPorts[0].rules.dns", "DNS proxy")]
    [InlineData("egress:\n  - toFQDNs: [{matchName: one.one.one.one}]", "spec.egress[0].toFQDNs", "DNS proxy")]
    [InlineData("egress:\n  - toServices: [{k8sService: {serviceName: echo, namespace: x}}]", "spec.egress[0].toServices", "not supported yet")]
    [InlineData("ingress:\n  - fromNodes: [{matchLabels: {a: b}}]", "spec.ingress[0].fromNodes", "not supported yet")]
    [InlineData("egress:\n  - toNodes: [{matchLabels: {a: b}}]", "spec.egress[0].toNodes", "not supported yet")]
    [InlineData("ingress:\n  - fromEndpoints: [{}]\n    authentication: {mode: required}", "spec.ingress[0].authentication.mode", "not supported yet")]
    [InlineData("ingress:\n  - fromEndpoints: [{}]\n    toPorts: [{ports: [{port: \"80\"}]}]\n    icmps: [{fields: [{type: 8}]}]", "spec.ingress[0].icmps", "cannot be combined")]
    [InlineData("ingress:\n  - fromEntities: [galaxy]", "spec.ingress[0].fromEntities[0]", "not an entity")]
    [InlineData("ingress:\n  - fromCIDR: [198.18.0.0/33]", "spec.ingress[0].fromCIDR[0]", "not a CIDR")]
    [InlineData("ingress:\n  - fromCIDRSet: [{cidr: 198.18.0.0/15, except: [198.20.0.0/16]}]", "spec.ingress[0].fromCIDRSet[0].except[0]", "not inside")]
    [InlineData("ingress:\n  - fromCIDRSet: [{cidrGroupRef: office}]", "spec.ingress[0].fromCIDRSet[0].cidrGroupRef", "not supported yet")]
    [InlineData("ingress:\n  - fromRequires: [{matchLabels: {a: b}}]", "spec.ingress[0].fromRequires", "deprecated")]
    [InlineData("ingress:\n  - icmps: [{fields: [{type: Bogus}]}]", "spec.ingress[0].icmps[0].fields[0].type", "ICMP type")]
    [InlineData("ingress:\n  - icmps: [{fields: [{family: IPv5, type: 8}]}]", "spec.ingress[0].icmps[0].fields[0].family", "IPv4 or IPv6")]
    [InlineData("ingressDeny:\n  - toPorts:\n    - ports: [{port: \"80\"}]\n      rules:\n        http: [{method: GET}]", "spec.ingressDeny[0].toPorts[0].rules", "deny rules")]
    [InlineData("egress:\n  - toPorts:\n    - ports: [{port: \"443\"}]\n      serverNames: [a.example]", "spec.egress[0].toPorts[0].serverNames", "L7 proxy")]
    public void Parse_UnsupportedOrInvalidRule_IsRefusedWithFieldPath(string body, string field, string reason)
    {
        var yaml = "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata:\n  name: p\nspec:\n  endpointSelector: {}\n  " + body + "\n";
        var error = Assert.Throws<InvalidInputException>(() => PolicyParser.Parse(yaml));
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NodeSelectorRule_IsRefused()
    {
        var error = Assert.Throws<InvalidInputException>(() => PolicyParser.Parse(
            "apiVersion: cilium.io/v2\nkind: CiliumClusterwideNetworkPolicy\nmetadata: {name: h}\nspec:\n  nodeSelector: {}\n  ingress: [{fromEntities: [world]}]\n"));
        Assert.Equal("spec.nodeSelector", error.Field);
    }

    [Theory]
    [InlineData("kind: CiliumNetworkPolicy\nmetadata: {name: p}\n", "spec", "spec or specs")]
    [InlineData("kind: CiliumNetworkPolicy\nmetadata: {}\nspec: {endpointSelector: {}}\n", "metadata.name", "required")]
    [InlineData("kind: CiliumNetworkPolicy\nmetadata: {name: Bad_Name}\nspec: {endpointSelector: {}}\n", "metadata.name", "DNS subdomain")]
    [InlineData("kind: Pod\nmetadata: {name: p}\n", "kind", "not a policy kind")]
    [InlineData("metadata: {name: p}\n", "kind", "required")]
    [InlineData("kind: CiliumNetworkPolicy\napiVersion: cilium.io/v1\nmetadata: {name: p}\nspec: {endpointSelector: {}}\n", "apiVersion", "cilium.io/v2")]
    [InlineData("kind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec: {ingress: [{}]}\n", "spec.endpointSelector", "required")]
    [InlineData("kind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec: {endpointSelector: {matchLabels: {version: 2}}}\n", "spec.endpointSelector.matchLabels.version", "must be a string")]
    [InlineData("kind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec: {endpointSelector: {}, enableDefaultDeny: {ingress: maybe}}\n", "spec.enableDefaultDeny.ingress", "true or false")]
    public void Parse_BadManifest_NamesFieldAndReason(string yaml, string field, string reason)
    {
        var error = Assert.Throws<InvalidInputException>(() => PolicyParser.Parse(yaml));
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidSecondDocument_NamesDocumentAndManifest()
    {
        var yaml = Cnp + "\n---\napiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: broken, namespace: shop}\nspec:\n  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: \"99999\"}]}]\n";
        var error = Assert.Throws<InvalidInputException>(() => PolicyParser.Parse(yaml));
        Assert.Equal("documents[1].spec.ingress[0].toPorts[0].ports[0].port", error.Field);
        Assert.StartsWith("CiliumNetworkPolicy shop/broken: ", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameManifestTwice_IsRefused()
    {
        var error = Assert.Throws<InvalidInputException>(() => PolicyParser.Parse(Cnp + "\n---\n" + Cnp));
        Assert.Equal("documents[1].metadata.name", error.Field);
    }

    [Theory]
    [InlineData("", "no manifest")]
    [InlineData("a: [b\n", "line")]
    [InlineData("- 1\n- 2\n", "must be an object")]
    public void Parse_NotAManifest_IsRefused(string text, string reason)
    {
        var error = Assert.Throws<InvalidInputException>(() => PolicyParser.Parse(text));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ANY", new byte[] { Protocols.Tcp, Protocols.Udp, Protocols.Sctp })]
    [InlineData("", new byte[] { Protocols.Tcp, Protocols.Udp, Protocols.Sctp })]
    [InlineData("sctp", new byte[] { Protocols.Sctp })]
    public void Parse_ProtocolAnyWithPort_ExpandsToPortProtocols(string protocol, byte[] expected)
    {
        var yaml = $"kind: CiliumNetworkPolicy\nmetadata: {{name: p}}\nspec:\n  endpointSelector: {{}}\n  ingress:\n  - toPorts: [{{ports: [{{port: \"80\", protocol: \"{protocol}\"}}]}}]\n";
        var ports = PolicyParser.Parse(yaml)[0].Rules[0].Ingress[0].Ports!;
        Assert.Equal(expected, ports.Select(p => p.Protocol));
        Assert.All(ports, p => Assert.Equal((80, 80), (p.FromPort, p.ToPort)));
    }

    [Fact]
    public void Parse_Icmps_TypeInHighByteOfPort()
    {
        var yaml = "kind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec:\n  endpointSelector: {}\n  ingress:\n  - icmps: [{fields: [{type: 8, family: IPv4}, {type: EchoRequest, family: IPv6}]}]\n";
        var ports = PolicyParser.Parse(yaml)[0].Rules[0].Ingress[0].Ports!;
        Assert.Equal([PortSpec.Icmp(Protocols.Icmp, 8), PortSpec.Icmp(Protocols.IcmpV6, 128)], ports);
        Assert.Equal((ushort)0x0800, ports[0].FromPort);
        Assert.Equal((ushort)0x08FF, ports[0].ToPort);
    }

    [Fact]
    public void Parse_PeerlessRules_L4OnlyIsWildcardAndEmptySelectsNothing()
    {
        var yaml = "kind: CiliumNetworkPolicy\nmetadata: {name: p}\nspec:\n  endpointSelector: {}\n  ingress:\n  - toPorts: [{ports: [{port: \"80\", protocol: TCP}]}]\n  - {}\n";
        var rule = PolicyParser.Parse(yaml)[0].Rules[0];
        Assert.Equal([PolicyEntity.All], rule.Ingress[0].Entities);
        Assert.Empty(rule.Ingress[1].Entities);
        Assert.Empty(rule.Ingress[1].Endpoints);
        Assert.Null(rule.Ingress[1].Ports);
    }

    [Fact]
    public void Parse_RuleLabelsAndSpecs_AttachedToEachRule()
    {
        var yaml = """
            apiVersion: cilium.io/v2
            kind: CiliumClusterwideNetworkPolicy
            metadata: {name: cw}
            specs:
            - endpointSelector: {}
              labels: [{key: team, value: net, source: k8s}]
            - endpointSelector: {}
            """;
        var rules = PolicyParser.Parse(yaml)[0].Rules;
        Assert.Contains("k8s:team=net", rules[0].Origin.Labels.ToStrings());
        Assert.DoesNotContain(rules[0].Origin.Labels.ToStrings(), l => l.Contains("policy.namespace", StringComparison.Ordinal));
        Assert.Equal(["CiliumClusterwideNetworkPolicy/cw[0]", "CiliumClusterwideNetworkPolicy/cw[1]"], rules.Select(r => r.Origin.Name));
    }
}
