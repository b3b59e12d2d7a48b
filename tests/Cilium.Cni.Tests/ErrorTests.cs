using System.Text.Json;
using Cilium.Cni.Tests.Support;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>Bad configuration and bad environment, answered with the CNI spec's error codes and a non-zero exit.</summary>
[Collection(CniNodeCollection.Name)]
public sealed class ErrorTests(CniNode node)
{
    [Fact]
    public async Task Version_AnyConfig_ListsSupportedVersions()
    {
        var run = await node.Plugin.RunAsync(new Dictionary<string, string> { ["CNI_COMMAND"] = "VERSION" }, """{"cniVersion":"0.4.0"}""");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("0.4.0", run.Json.GetProperty("cniVersion").GetString());
        var versions = run.Json.GetProperty("supportedVersions").EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.Equal(["0.3.0", "0.3.1", "0.4.0", "1.0.0"], versions);
    }

    [Fact]
    public async Task Add_BadJson_FailsWithDecodeCode()
    {
        var (_, netns) = await node.CreatePodAsync();

        var run = await node.Plugin.RunAsync(CniPlugin.Env("ADD", node.NewContainerId(), netns, "eth0", ""), """{"cniVersion": "1.0.0", """);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(6, run.ErrorCode);
        Assert.Equal("1.0.0", run.Json.GetProperty("cniVersion").GetString());
    }

    [Theory]
    [InlineData("""{"cniVersion":"1.0.0","name":"cilium","type":"bridge"}""", "bridge")]
    [InlineData("""{"cniVersion":"1.0.0","type":"cilium-cni"}""", "name")]
    [InlineData("""{"name":"cilium","type":"cilium-cni"}""", "cniVersion")]
    [InlineData("""{"cniVersion":"1.0.0","name":"cilium","type":"cilium-cni","mtu":20}""", "mtu")]
    public async Task Add_InvalidConfig_FailsWithInvalidConfigCode(string config, string mentioned)
    {
        var (_, netns) = await node.CreatePodAsync();

        var run = await node.Plugin.RunAsync(CniPlugin.Env("ADD", node.NewContainerId(), netns, "eth0", ""), config);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(7, run.ErrorCode);
        Assert.Contains(mentioned, run.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.2.0")]
    [InlineData("1.1.0")]
    [InlineData("9.9.9")]
    public async Task Add_UnsupportedCniVersion_FailsWithIncompatibleVersionCode(string version)
    {
        var (_, netns) = await node.CreatePodAsync();

        var run = await node.Plugin.RunAsync(CniPlugin.Env("ADD", node.NewContainerId(), netns, "eth0", ""), node.Plugin.Config(version));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(1, run.ErrorCode);
        Assert.Contains("1.0.0", run.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CNI_COMMAND", "")]
    [InlineData("CNI_COMMAND", "FROB")]
    [InlineData("CNI_CONTAINERID", "")]
    [InlineData("CNI_CONTAINERID", "-starts-with-dash")]
    [InlineData("CNI_NETNS", "")]
    [InlineData("CNI_IFNAME", "")]
    [InlineData("CNI_IFNAME", "much-too-long-name0")]
    [InlineData("CNI_ARGS", "K8S_POD_NAME")]
    public async Task Add_BadEnvironment_FailsWithInvalidEnvironmentCode(string variable, string value)
    {
        var (_, netns) = await node.CreatePodAsync();
        var env = CniPlugin.Env("ADD", node.NewContainerId(), netns, "eth0", "");
        env[variable] = value;
        var before = await node.HostVethsAsync();

        var run = await node.Plugin.RunAsync(env, node.Plugin.Config());

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(4, run.ErrorCode);
        Assert.Contains(variable, run.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await node.HostVethsAsync());
    }

    [Fact]
    public async Task Add_ErrorOutput_IsSpecErrorObject()
    {
        var run = await node.Plugin.RunAsync(new Dictionary<string, string>(), node.Plugin.Config("0.4.0"));

        Assert.Equal(1, run.ExitCode);
        var names = run.Json.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("cniVersion", names);
        Assert.Contains("code", names);
        Assert.Contains("msg", names);
        Assert.Equal("0.4.0", run.Json.GetProperty("cniVersion").GetString());
        Assert.Equal(JsonValueKind.Number, run.Json.GetProperty("code").ValueKind);
    }
}
