using Cilium.Cli.Connectivity;
using Xunit;

namespace Cilium.Lab.Tests;

public sealed class TestSelectionTests
{
    [Fact]
    public void Includes_NoExpressions_SelectsEverything() => Assert.True(new TestSelection([]).Includes("no-policies"));

    [Fact]
    public void Includes_RegexMatches_Selects() => Assert.True(new TestSelection(["client-.*"]).Includes("client-ingress"));

    [Fact]
    public void Includes_RegexDoesNotMatch_Excludes() => Assert.False(new TestSelection(["^echo-"]).Includes("client-ingress"));

    [Fact]
    public void Includes_BangPrefix_ExcludesMatchingTest() => Assert.False(new TestSelection(["!knp"]).Includes("client-ingress-knp"));

    [Fact]
    public void Includes_BangPrefixOnly_KeepsOthers() => Assert.True(new TestSelection(["!knp"]).Includes("client-ingress"));
}
