using Cilium.Core.Labels;
using CsCheck;
using Xunit;

namespace Cilium.Core.Tests.Labels;

public sealed class LabelSetPropertyTests
{
    [Fact]
    public void Parse_TextOfAnyValidLabel_RoundTrips()
    {
        LabelGen.K8sLabel.Sample(label => Assert.Equal(label, LabelParser.Parse(label.ToString())));
    }

    [Fact]
    public void IdentityKey_AnyOrderOfTheSameLabels_IsTheSame()
    {
        Gen.Select(LabelGen.DistinctLabels, Gen.Int).Sample((labels, seed) =>
        {
            var shuffled = labels.OrderBy(_ => new Random(seed).Next()).Reverse().ToArray();
            var a = LabelSet.From(labels);
            var b = LabelSet.Parse(shuffled.Select(l => l.ToString()));
            Assert.Equal(a.IdentityKey, b.IdentityKey);
            Assert.Equal(a.Sha256, b.Sha256);
            Assert.Equal(a, b);
        });
    }

    [Fact]
    public void IdentityKey_DifferentLabelSets_Differ()
    {
        Gen.Select(LabelGen.DistinctLabels, LabelGen.DistinctLabels).Sample((x, y) =>
        {
            var a = LabelSet.From(x);
            var b = LabelSet.From(y);
            Assert.Equal(a.ToStrings().SequenceEqual(b.ToStrings()), a.IdentityKey == b.IdentityKey);
        });
    }

    [Fact]
    public void IdentityKey_KnownSet_HasCiliumKvstoreForm()
    {
        var set = LabelSet.Parse(["k8s:io.kubernetes.pod.namespace=shop", "k8s:app=web", "k8s:flag"]);

        Assert.Equal("k8s:app=web;k8s:flag=;k8s:io.kubernetes.pod.namespace=shop;", set.IdentityKey);
        Assert.Equal(["k8s:app=web", "k8s:flag", "k8s:io.kubernetes.pod.namespace=shop"], set.ToStrings());
    }

    [Fact]
    public void From_SameKeyDifferentValues_Throws()
    {
        var error = Assert.Throws<LabelException>(() => LabelSet.Parse(["k8s:app=a", "k8s:app=b"]));
        Assert.Contains("given twice", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void From_IdenticalDuplicates_Collapse()
    {
        Assert.Single(LabelSet.Parse(["k8s:app=a", "k8s:app=a"]));
    }
}
