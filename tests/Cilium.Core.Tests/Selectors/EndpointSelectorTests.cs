using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Selectors;
using CsCheck;
using Xunit;

namespace Cilium.Core.Tests.Selectors;

public sealed class EndpointSelectorTests
{
    private static readonly LabelSet Web = LabelSet.Parse(["k8s:app=web", "k8s:io.kubernetes.pod.namespace=shop", "container:tier=front"]);

    private static EndpointSelector Parse(string json) =>
        PolicyParser.Parse($$$"""
            {"apiVersion":"cilium.io/v2","kind":"CiliumClusterwideNetworkPolicy","metadata":{"name":"t"},
             "spec":{"endpointSelector":{{{json}}}}}
            """)[0].Rules[0].Subject;

    [Theory]
    [InlineData("""{"matchLabels":{"app":"web"}}""", true)]
    [InlineData("""{"matchLabels":{"any:app":"web"}}""", true)]
    [InlineData("""{"matchLabels":{"k8s:app":"web"}}""", true)]
    [InlineData("""{"matchLabels":{"container:app":"web"}}""", false)]
    [InlineData("""{"matchLabels":{"tier":"front"}}""", true)]
    [InlineData("""{"matchLabels":{"k8s:tier":"front"}}""", false)]
    [InlineData("""{"matchLabels":{"app":"db"}}""", false)]
    [InlineData("""{"matchLabels":{"app":"web","tier":"back"}}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["db","web"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In","values":["db"]}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["db"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"missing","operator":"NotIn","values":["x"]}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Exists"}]}""", true)]
    [InlineData("""{"matchExpressions":[{"key":"k8s:tier","operator":"Exists"}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"DoesNotExist"}]}""", false)]
    [InlineData("""{"matchExpressions":[{"key":"k8s:tier","operator":"DoesNotExist"}]}""", true)]
    [InlineData("""{}""", true)]
    public void Matches_SelectorOverLabelsWithSources_FollowsKubernetesAndSourceRules(string selector, bool expected)
    {
        Assert.Equal(expected, Parse(selector).Matches(Web));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"reserved:host":""}}""", "reserved:host", true)]
    [InlineData("""{"matchLabels":{"reserved:host":""}}""", "reserved:world", false)]
    // Without the reserved: prefix the clusterwide scoping adds "namespace exists", which no reserved identity has.
    [InlineData("""{"matchLabels":{"host":""}}""", "reserved:host", false)]
    public void Matches_ReservedLabels_MatchOnlyWithReservedPrefix(string selector, string label, bool expected)
    {
        Assert.Equal(expected, Parse(selector).Matches(LabelSet.Parse([label])));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Near","values":["x"]}]}""", "spec.endpointSelector.matchExpressions[0].operator")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"In"}]}""", "spec.endpointSelector.matchExpressions[0].values")]
    [InlineData("""{"matchExpressions":[{"key":"app","operator":"Exists","values":["x"]}]}""", "spec.endpointSelector.matchExpressions[0].values")]
    [InlineData("""{"matchLabels":{"app":"-bad"}}""", "spec.endpointSelector.matchLabels[app]")]
    [InlineData("""{"matchLabels":{"docker:app":"web"}}""", "spec.endpointSelector.matchLabels[docker:app]")]
    [InlineData("""{"matchLabels":{"reserved:nothing":""}}""", "spec.endpointSelector.matchLabels[reserved:nothing]")]
    public void Parse_InvalidSelector_NamesTheField(string selector, string field)
    {
        var error = Assert.Throws<InvalidInputException>(() => Parse(selector));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Key_SameRequirementsInAnyOrder_IsEqual()
    {
        var a = new EndpointSelector([
            new SelectorRequirement("k8s", "app", SelectorOperator.In, ["b", "a"]),
            new SelectorRequirement("any", "tier", SelectorOperator.Exists)]);
        var b = new EndpointSelector([
            new SelectorRequirement("any", "tier", SelectorOperator.Exists),
            new SelectorRequirement("k8s", "app", SelectorOperator.In, ["a", "b"])]);
        Assert.Equal(a.Key, b.Key);
        Assert.Equal(a, b);
        Assert.NotEqual(a.Key, EndpointSelector.Wildcard.Key);
    }

    private static readonly Gen<LabelSet> GenLabels =
        Gen.Select(Gen.OneOf("k8s", "container", "reserved"), Gen.Int[0, 5], Gen.Int[0, 3])
            .Select((s, k, v) => s == "reserved" ? new Label("reserved", "host", "") : new Label(s, $"key{k}", $"v{v}"))
            .Array[0, 6]
            .Select(labels => LabelSet.From(labels.GroupBy(l => l.Key).Select(g => g.First())));

    [Fact]
    public void Matches_EmptySelector_SelectsEveryLabelSet()
    {
        GenLabels.Sample(labels => EndpointSelector.Wildcard.Matches(labels));
    }

    [Fact]
    public void Matches_SelectorOfOwnLabels_SelectsThatSetAndAnySuperset()
    {
        Gen.Select(GenLabels, GenLabels).Sample((labels, extra) =>
        {
            var selector = new EndpointSelector(labels.Select(l => new SelectorRequirement(l.Source, l.Key, SelectorOperator.In, [l.Value])));
            var superset = LabelSet.From(labels.Concat(extra.Where(e => !labels.TryGet(e.Key, out _))));
            return selector.Matches(labels) && selector.Matches(superset);
        });
    }

    [Fact]
    public void Matches_NotInAndDoesNotExist_AreTheNegationsOfInAndExists()
    {
        Gen.Select(GenLabels, Gen.Int[0, 5], Gen.Int[0, 3], Gen.Bool).Sample((labels, k, v, any) =>
        {
            var source = any ? "any" : "k8s";
            bool Check(SelectorOperator op, string[] values) =>
                new EndpointSelector([new SelectorRequirement(source, $"key{k}", op, values)]).Matches(labels);
            return Check(SelectorOperator.In, [$"v{v}"]) != Check(SelectorOperator.NotIn, [$"v{v}"]) &&
                   Check(SelectorOperator.Exists, []) != Check(SelectorOperator.DoesNotExist, []);
        });
    }

    [Fact]
    public void Matches_AnySource_IsTheUnionOfEverySource()
    {
        Gen.Select(GenLabels, Gen.Int[0, 5], Gen.Int[0, 3]).Sample((labels, k, v) =>
        {
            bool Check(string source) =>
                new EndpointSelector([new SelectorRequirement(source, $"key{k}", SelectorOperator.In, [$"v{v}"])]).Matches(labels);
            return Check("any") == (Check("k8s") || Check("container"));
        });
    }

    [Fact]
    public void NewESFromLabelSelector_NullSelector_IsWildcard()
    {
        var rule = PolicyParser.Import(new CiliumClusterwideNetworkPolicy
        {
            Metadata = new ObjectMeta { Name = "x" },
            Spec = new PolicyRule { EndpointSelector = new LabelSelector(), Ingress = [new IngressRule { FromEndpoints = [new LabelSelector()] }] },
        }).Rules[0];
        Assert.True(rule.Ingress[0].Endpoints[0].Matches(Web));
        Assert.False(rule.Ingress[0].Endpoints[0].Matches(LabelSet.Parse(["k8s:app=web"])));
    }
}
