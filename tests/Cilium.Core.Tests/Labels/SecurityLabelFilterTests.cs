using Cilium.Core.Labels;
using CsCheck;
using Xunit;

namespace Cilium.Core.Tests.Labels;

public sealed class SecurityLabelFilterTests
{
    [Theory]
    [InlineData("k8s:app=web", true)]
    [InlineData("k8s:io.kubernetes.pod.namespace=shop", true)]
    [InlineData("k8s:io.cilium.k8s.namespace.labels.team=a", true)]
    [InlineData("k8s:io.cilium.k8s.policy.serviceaccount=default", true)]
    [InlineData("k8s:io.cilium.k8s.policy.cluster=default", true)]
    [InlineData("k8s:app.kubernetes.io/name=frontend", true)]
    [InlineData("reserved:host", true)]
    [InlineData("k8s:pod-template-hash=5d8f", false)]
    [InlineData("k8s:controller-revision-hash=7c", false)]
    [InlineData("k8s:io.kubernetes.pod.name=web-1", false)]
    [InlineData("k8s:kubernetes.io/hostname=node1", false)]
    [InlineData("k8s:statefulset.kubernetes.io/pod-name=db-0", false)]
    [InlineData("k8s:batch.kubernetes.io/job-completion-index=1", false)]
    [InlineData("k8s:failure-domain.beta.kubernetes.io/zone=a", false)]
    [InlineData("k8s:topology.kubernetes.io/zone=a", false)]
    [InlineData("container:annotation.foo=bar", false)]
    public void IsSecurityRelevant_DefaultFilter_MatchesCilium(string text, bool relevant)
    {
        Assert.Equal(relevant, SecurityLabelFilter.Default.IsSecurityRelevant(LabelParser.Parse(text)));
    }

    [Fact]
    public void Filter_AnySetWithNoiseAdded_KeepsExactlyTheRelevantLabels()
    {
        var noise = new[] { "k8s:pod-template-hash=abc", "k8s:controller-revision-hash=def", "k8s:io.kubernetes.pod.name=p" };
        LabelGen.DistinctLabels.Sample(labels =>
        {
            var withNoise = LabelSet.Parse(labels.Select(l => l.ToString()).Concat(noise));
            var filtered = SecurityLabelFilter.Default.Filter(withNoise);
            Assert.Equal(LabelSet.From(labels), filtered);
        });
    }
}
