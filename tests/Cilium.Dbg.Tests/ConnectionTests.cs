using Cilium.Testing;

namespace Cilium.Dbg.Tests;

/// <summary>Finding the agent: -H, CILIUM_SOCK, and what cilium-dbg says when nothing listens.</summary>
public sealed class ConnectionTests(FakeAgentFixture agent) : IClassFixture<FakeAgentFixture>
{
    [Theory]
    [InlineData("status")]
    [InlineData("endpoint", "list")]
    [InlineData("bpf", "ipcache", "list")]
    [InlineData("monitor")]
    public async Task AnyCommand_SocketMissing_OneLineAskingIfAgentRuns(params string[] args)
    {
        var missing = $"/tmp/cilium-dbg-missing-{RunId.New()}.sock";

        var result = await DbgProcess.RunAsync(missing, args);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.EndsWith("Is the agent running?", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task Host_UnixUri_OverridesEnvironment()
    {
        var missing = $"/tmp/cilium-dbg-missing-{RunId.New()}.sock";

        var result = await DbgProcess.RunAsync(missing, "status", "--brief", "-H", "unix://" + agent.Server.SocketPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("OK", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Host_BarePath_IsAccepted()
    {
        var result = await DbgProcess.RunAsync(null, "--host", agent.Server.SocketPath, "status", "--brief");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("OK", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Host_Unset_UsesCiliumDefaultSocket()
    {
        // The default socket does not exist on a test machine, so the message names it.
        Assert.False(File.Exists("/var/run/cilium/cilium.sock"), "a real agent socket exists here; this test needs it absent");

        var result = await DbgProcess.RunAsync(null, "status");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unix:///var/run/cilium/cilium.sock", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_HttpScheme_RejectedInOneLine()
    {
        var result = await DbgProcess.RunAsync(agent.Server.SocketPath, "status", "-H", "http://127.0.0.1:9234");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("unix socket", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("endpoint")]
    [InlineData("endpoint", "get")]
    [InlineData("status", "--verbose", "--brief")]
    [InlineData("status", "--output", "yaml")]
    [InlineData("monitor", "-t", "l7")]
    [InlineData("monitor", "--related-to", "abc")]
    [InlineData("monitor", "--related-to", "5000")]
    [InlineData("bpf", "policy", "get")]
    [InlineData("bpf", "policy", "get", "42", "--all")]
    [InlineData("bpf", "ct", "list", "42")]
    public async Task BadArguments_OneLineOnStderr_NonZeroExit(params string[] args)
    {
        var result = await DbgProcess.RunAsync(agent.Server.SocketPath, args);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Error: ", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
