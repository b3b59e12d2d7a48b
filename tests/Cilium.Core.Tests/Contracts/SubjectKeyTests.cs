using Cilium.Contracts;
using CsCheck;
using Xunit;

namespace Cilium.Core.Tests.Contracts;

public sealed class SubjectKeyTests
{
    [Fact]
    public void Encode_AnyText_IsOneValidTokenAndRoundTrips()
    {
        Gen.String[1, 60].Where(s => s.Length > 0).Sample(text =>
        {
            var token = SubjectKey.Encode(text);
            Assert.DoesNotContain('.', token);
            Assert.DoesNotContain('*', token);
            Assert.DoesNotContain('>', token);
            Assert.DoesNotContain(token, char.IsWhiteSpace);
            Assert.Equal(text, SubjectKey.Decode(token));
        });
    }

    [Theory]
    [InlineData("kube-system", "kube-system")]
    [InlineData("echo.v1", "echo%2Ev1")]
    [InlineData("198.18.0.5", "198%2E18%2E0%2E5")]
    public void Encode_Examples_MatchTheDocumentedForm(string text, string token)
    {
        Assert.Equal(token, SubjectKey.Encode(text));
    }

    [Fact]
    public void Subjects_PerKind_HaveDocumentedShape()
    {
        Assert.Equal("cilium.v1.identity.44250", Subjects.Identity(44250));
        Assert.Equal("cilium.v1.endpoint.shop.web-7d4%2E1", Subjects.Endpoint("shop", "web-7d4.1"));
        Assert.Equal("cilium.v1.node.kind-worker", Subjects.Node("kind-worker"));
        Assert.Equal("cilium.v1.policy.CiliumNetworkPolicy.shop.allow-web", Subjects.Policy("CiliumNetworkPolicy", "shop", "allow-web"));
        Assert.Equal("cilium.v1.policy.CiliumClusterwideNetworkPolicy._.deny-all", Subjects.Policy("CiliumClusterwideNetworkPolicy", null, "deny-all"));
    }
}
