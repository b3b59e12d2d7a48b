using Cilium.Core.Labels;
using Cilium.Core.Policy.Parsing;
using Xunit;

namespace Cilium.Core.Tests.Policy;

public sealed class NamespaceScopingTests
{
    private static string Subject(string kind, string selector) =>
        PolicyParser.Parse($"kind: {kind}\nmetadata: {{name: p, namespace: shop}}\nspec:\n  endpointSelector: {selector}\n")[0].Rules[0].Subject.Key;

    private static string Peer(string kind, string selector, string subject = "{}") =>
        PolicyParser.Parse($"kind: {kind}\nmetadata: {{name: p, namespace: shop}}\nspec:\n  endpointSelector: {subject}\n  ingress:\n  - fromEndpoints: [{selector}]\n")[0].Rules[0].Ingress[0].Endpoints[0].Key;

    [Theory]
    [InlineData("{}", "{k8s:io.kubernetes.pod.namespace In (shop)}")]
    [InlineData("{matchLabels: {app: web}}", "{any:app In (web); k8s:io.kubernetes.pod.namespace In (shop)}")]
    [InlineData("{matchLabels: {k8s:io.kubernetes.pod.namespace: other}}", "{k8s:io.kubernetes.pod.namespace In (other)}")]
    [InlineData("{matchLabels: {io.kubernetes.pod.namespace: other}}", "{any:io.kubernetes.pod.namespace In (other)}")]
    [InlineData("{matchLabels: {reserved:host: \"\"}}", "{reserved:host In ()}")]
    public void Import_CnpSubject_ScopedToPolicyNamespace(string selector, string expected)
    {
        Assert.Equal(expected, Subject("CiliumNetworkPolicy", selector));
    }

    [Theory]
    [InlineData("{}", "{k8s:io.kubernetes.pod.namespace In (shop)}")]
    [InlineData("{matchLabels: {app: client}}", "{any:app In (client); k8s:io.kubernetes.pod.namespace In (shop)}")]
    [InlineData("{matchLabels: {k8s:io.kubernetes.pod.namespace: other, app: client}}", "{any:app In (client); k8s:io.kubernetes.pod.namespace In (other)}")]
    [InlineData("{matchLabels: {k8s:io.cilium.k8s.namespace.labels.team: blue}}", "{k8s:io.cilium.k8s.namespace.labels.team In (blue)}")]
    [InlineData("{matchExpressions: [{key: io.kubernetes.pod.namespace, operator: Exists}]}", "{any:io.kubernetes.pod.namespace Exists}")]
    [InlineData("{matchLabels: {reserved:host: \"\"}}", "{reserved:host In ()}")]
    public void Import_CnpPeer_ScopedUnlessNamespaceIsNamed(string selector, string expected)
    {
        Assert.Equal(expected, Peer("CiliumNetworkPolicy", selector));
    }

    [Theory]
    [InlineData("{}", "{k8s:io.kubernetes.pod.namespace Exists}")]
    [InlineData("{matchLabels: {app: client}}", "{any:app In (client); k8s:io.kubernetes.pod.namespace Exists}")]
    [InlineData("{matchLabels: {k8s:io.cilium.k8s.namespace.labels.team: blue}}", "{k8s:io.cilium.k8s.namespace.labels.team In (blue); k8s:io.kubernetes.pod.namespace Exists}")]
    [InlineData("{matchLabels: {k8s:io.kubernetes.pod.namespace: shop}}", "{k8s:io.kubernetes.pod.namespace In (shop)}")]
    [InlineData("{matchLabels: {reserved:world: \"\"}}", "{reserved:world In ()}")]
    public void Import_CcnpPeer_RequiresANamespaceLabel(string selector, string expected)
    {
        Assert.Equal(expected, Peer("CiliumClusterwideNetworkPolicy", selector));
        Assert.Equal("{k8s:io.kubernetes.pod.namespace Exists}", Subject("CiliumClusterwideNetworkPolicy", "{}"));
    }

    [Fact]
    public void Import_CcnpSelectingInit_LeavesPeersUnscoped()
    {
        Assert.Equal("{any:app In (dns)}", Peer("CiliumClusterwideNetworkPolicy", "{matchLabels: {app: dns}}", "{matchLabels: {reserved:init: \"\"}}"));
    }

    [Fact]
    public void Import_CnpSelectors_MatchOnlyPodsOfTheNamespace()
    {
        var subject = PolicyParser.Parse("kind: CiliumNetworkPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  endpointSelector: {matchLabels: {app: web}}\n")[0].Rules[0].Subject;
        Assert.True(subject.Matches(LabelSet.Parse(["k8s:app=web", "k8s:io.kubernetes.pod.namespace=shop"])));
        Assert.False(subject.Matches(LabelSet.Parse(["k8s:app=web", "k8s:io.kubernetes.pod.namespace=blog"])));
        Assert.False(subject.Matches(LabelSet.Parse(["k8s:app=web"])));
    }
}
