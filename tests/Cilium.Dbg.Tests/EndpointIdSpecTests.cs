using System.Net;
using Cilium.Contracts.Agent;

namespace Cilium.Dbg.Tests;

/// <summary>The endpoint id forms of reference 1.3.</summary>
public sealed class EndpointIdSpecTests
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData("cilium-local:42", 42)]
    [InlineData("cilium-local:0", 0)]
    [InlineData("4095", 4095)]
    public void Parse_LocalForms_GiveLocalId(string text, long expected)
    {
        var spec = EndpointIdSpec.Parse(text);

        Assert.Equal(EndpointIdKind.CiliumLocal, spec.Kind);
        Assert.Equal(expected, spec.LocalId);
        Assert.Equal($"cilium-local:{expected}", spec.ToString());
    }

    [Fact]
    public void Parse_CniAttachmentWithInterface_SplitsContainerAndInterface()
    {
        var spec = EndpointIdSpec.Parse("cni-attachment-id:c0ffee:eth0");

        Assert.Equal(EndpointIdKind.CniAttachmentId, spec.Kind);
        Assert.Equal("c0ffee", spec.ContainerId);
        Assert.Equal("eth0", spec.InterfaceName);
        Assert.Null(spec.LocalId);
    }

    [Fact]
    public void Parse_CniAttachmentWithoutInterface_HasNoInterface()
    {
        var spec = EndpointIdSpec.Parse("cni-attachment-id:c0ffee");

        Assert.Equal("c0ffee", spec.ContainerId);
        Assert.Null(spec.InterfaceName);
    }

    [Theory]
    [InlineData("cep-name:default/web-1", EndpointIdKind.CepName)]
    [InlineData("pod-name:default/web-1", EndpointIdKind.PodName)]
    public void Parse_NamespacedForms_SplitNamespaceAndName(string text, EndpointIdKind kind)
    {
        var spec = EndpointIdSpec.Parse(text);

        Assert.Equal(kind, spec.Kind);
        Assert.Equal("default", spec.Namespace);
        Assert.Equal("web-1", spec.Name);
        Assert.Equal(text, spec.ToString());
    }

    [Theory]
    [InlineData("ipv4:198.18.1.10", EndpointIdKind.Ipv4, "198.18.1.10")]
    [InlineData("ipv6:fd00::10", EndpointIdKind.Ipv6, "fd00::10")]
    [InlineData("ipv6:FD00:0::10", EndpointIdKind.Ipv6, "fd00::10")]
    public void Parse_AddressForms_GiveCanonicalAddress(string text, EndpointIdKind kind, string address)
    {
        var spec = EndpointIdSpec.Parse(text);

        Assert.Equal(kind, spec.Kind);
        Assert.Equal(IPAddress.Parse(address), spec.Address);
        Assert.Equal(address, spec.Value);
    }

    [Fact]
    public void Parse_LegacyContainerId_KeepsContainer()
    {
        var spec = EndpointIdSpec.Parse("container-id:c0ffee");

        Assert.Equal(EndpointIdKind.ContainerId, spec.Kind);
        Assert.Equal("c0ffee", spec.ContainerId);
    }

    [Theory]
    [InlineData("", "empty endpoint id")]
    [InlineData("abc", "decimal number")]
    [InlineData("-1", "decimal number")]
    [InlineData("0x2a", "decimal number")]
    [InlineData("4096", "above 4095")]
    [InlineData("cilium-local:", "decimal number")]
    [InlineData("cni-attachment-id:", "cni-attachment-id:<containerID>[:<ifname>]")]
    [InlineData("cni-attachment-id:a:b:c", "cni-attachment-id:<containerID>[:<ifname>]")]
    [InlineData("cep-name:web-1", "cep-name:<namespace>/<name>")]
    [InlineData("pod-name:/web-1", "pod-name:<namespace>/<name>")]
    [InlineData("ipv4:fd00::1", "not an IPv4 address")]
    [InlineData("ipv4:10.1", "not an IPv4 address")]
    [InlineData("ipv6:198.18.1.10", "not an IPv6 address")]
    [InlineData("container-id:", "container id is empty")]
    [InlineData("cilium-global:1", "not supported")]
    [InlineData("docker:abc", "unknown prefix \"docker\"")]
    public void Parse_BadForm_ThrowsFormatExceptionNamingTheProblem(string text, string why)
    {
        var e = Assert.Throws<FormatException>(() => EndpointIdSpec.Parse(text));

        Assert.Contains(why, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected one of cilium-local:<n>", e.Message, StringComparison.Ordinal);
        Assert.False(EndpointIdSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Equal(e.Message, error);
    }
}
