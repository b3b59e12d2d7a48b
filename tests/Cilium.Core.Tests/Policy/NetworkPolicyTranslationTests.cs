using Cilium.Core.Errors;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;
using Xunit;

namespace Cilium.Core.Tests.Policy;

public sealed class NetworkPolicyTranslationTests
{
    private static Rule Translate(string spec, string metadata = "{name: np, namespace: shop}") =>
        Assert.Single(PolicyParser.Parse($"apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {metadata}\nspec:\n{spec}")[0].Rules);

    [Fact]
    public void Translate_Subject_IsPodSelectorInTheNamespace()
    {
        var rule = Translate("  podSelector: {matchLabels: {app: web}}\n");
        Assert.Equal("{k8s:app In (web); k8s:io.kubernetes.pod.namespace In (shop)}", rule.Subject.Key);
        Assert.Contains("k8s:io.cilium.k8s.policy.derived-from=NetworkPolicy", rule.Origin.Labels.ToStrings());
    }

    [Fact]
    public void Translate_NoRulesDefaultPolicyTypes_IsIngressDefaultDeny()
    {
        var rule = Translate("  podSelector: {}\n");
        var ingress = Assert.Single(rule.Ingress);
        Assert.Empty(ingress.Endpoints);
        Assert.Empty(ingress.Cidrs);
        Assert.Empty(rule.Egress);
        Assert.True(rule.HasIngress);
        Assert.False(rule.HasEgress);
    }

    [Fact]
    public void Translate_EgressPolicyTypeWithoutRules_IsEgressDefaultDenyOnly()
    {
        var rule = Translate("  podSelector: {}\n  policyTypes: [Egress]\n");
        Assert.False(rule.HasIngress);
        Assert.Single(rule.Egress);
    }

    [Fact]
    public void Translate_EmptyFrom_IsWildcardPeer()
    {
        var rule = Translate("  podSelector: {}\n  ingress:\n  - ports: [{port: 80}]\n");
        var peer = Assert.Single(rule.Ingress);
        Assert.True(Assert.Single(peer.Endpoints).IsWildcard);
        Assert.Equal([new PortSpec(Protocols.Tcp, 80, 80)], peer.Ports);
    }

    [Fact]
    public void Translate_Peers_PodNamespaceAndIpBlock()
    {
        var rule = Translate("""
              podSelector: {}
              ingress:
              - from:
                - podSelector: {matchLabels: {role: fe}}
                - namespaceSelector: {matchLabels: {team: blue}}
                - namespaceSelector: {}
                  podSelector: {matchLabels: {role: be}}
                - ipBlock: {cidr: 198.18.0.0/15, except: [198.19.0.0/16]}
                ports:
                - protocol: UDP
                  port: 5000
                  endPort: 5010
                - port: http
                - {}

            """);
        var peer = Assert.Single(rule.Ingress);
        Assert.Equal(
            [
                "{k8s:io.kubernetes.pod.namespace In (shop); k8s:role In (fe)}",
                "{k8s:io.cilium.k8s.namespace.labels.team In (blue)}",
                "{k8s:io.kubernetes.pod.namespace Exists; k8s:role In (be)}",
            ],
            peer.Endpoints.Select(e => e.Key));
        Assert.Equal("cidr:198.18.0.0/15 except (198.19.0.0/16)", Assert.Single(peer.Cidrs).Key);
        Assert.Equal(
            [new PortSpec(Protocols.Udp, 5000, 5010), PortSpec.Named(Protocols.Tcp, "http"), PortSpec.AllPorts(Protocols.Tcp)],
            peer.Ports);
    }

    [Theory]
    [InlineData("  podSelector: {}\n  ingress:\n  - from: [{}]\n", "spec.ingress[0].from[0]")]
    [InlineData("  podSelector: {}\n  ingress:\n  - from: [{ipBlock: {cidr: 198.18.0.0/15}, podSelector: {}}]\n", "spec.ingress[0].from[0].ipBlock")]
    [InlineData("  podSelector: {}\n  egress:\n  - ports: [{protocol: ICMP}]\n", "spec.egress[0].ports[0].protocol")]
    [InlineData("  podSelector: {}\n  policyTypes: [Sideways]\n", "spec.policyTypes[0]")]
    public void Translate_InvalidNetworkPolicy_NamesField(string spec, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => Translate(spec));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Translate_NameAnnotation_NamesTheRule()
    {
        var rule = Translate("  podSelector: {}\n", "{name: np, namespace: shop, annotations: {policy.cilium.io/name: friendly}}");
        Assert.Contains("k8s:io.cilium.k8s.policy.name=friendly", rule.Origin.Labels.ToStrings());
    }
}
