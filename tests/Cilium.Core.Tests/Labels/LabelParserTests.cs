using Cilium.Core.Labels;
using Xunit;

namespace Cilium.Core.Tests.Labels;

public sealed class LabelParserTests
{
    [Theory]
    [InlineData("k8s:app=web", "k8s", "app", "web")]
    [InlineData("k8s:io.kubernetes.pod.namespace=shop", "k8s", "io.kubernetes.pod.namespace", "shop")]
    [InlineData("k8s:app.kubernetes.io/name=frontend", "k8s", "app.kubernetes.io/name", "frontend")]
    [InlineData("k8s:flag", "k8s", "flag", "")]
    [InlineData("reserved:host", "reserved", "host", "")]
    [InlineData("cidr:198.18.0.0/15", "cidr", "198.18.0.0/15", "")]
    [InlineData("cidr:fd00::/8", "cidr", "fd00::/8", "")]
    [InlineData("container:role=db", "container", "role", "db")]
    public void Parse_ValidLabel_SplitsSourceKeyValue(string text, string source, string key, string value)
    {
        var label = LabelParser.Parse(text);

        Assert.Equal(new Label(source, key, value), label);
        Assert.Equal(text, label.ToString());
    }

    [Theory]
    [InlineData("app=web", "no source prefix")]
    [InlineData("docker:app=web", "unknown source")]
    [InlineData("k8s:=web", "must not be empty")]
    [InlineData("k8s:-app=web", "key name")]
    [InlineData("k8s:Bad_Prefix/app=web", "DNS subdomain")]
    [InlineData("k8s:app=we b", "value")]
    [InlineData("k8s:app=-web", "value")]
    [InlineData("reserved:nothing", "not a reserved identity")]
    [InlineData("reserved:host=1", "no value")]
    [InlineData("cidr:300.1.1.1/8", "not a CIDR")]
    [InlineData("", "must not be empty")]
    public void Parse_InvalidLabel_ThrowsWithReason(string text, string reason)
    {
        var error = Assert.Throws<LabelException>(() => LabelParser.Parse(text));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValueOf64Characters_IsRejected()
    {
        Assert.Throws<LabelException>(() => LabelParser.Parse("k8s:app=" + new string('a', 64)));
        Assert.Equal(63, LabelParser.Parse("k8s:app=" + new string('a', 63)).Value.Length);
    }
}
