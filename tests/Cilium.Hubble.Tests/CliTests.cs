using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cilium.Hubble.Tests.Support;
using Cilium.Testing;
using Xunit;

namespace Cilium.Hubble.Tests;

/// <summary>The hubble CLI against the agent-less observer stand-in: output formats, filters, status, errors.</summary>
public sealed partial class CliTests : IAsyncLifetime
{
    private AgentlessObserverStandIn _node = null!;

    public async Task InitializeAsync()
    {
        _node = await AgentlessObserverStandIn.StartAsync("node-1");
        _node.Publish(
            Notifications.Trace(TestResolver.ClientIp, TestResolver.ServerIp, at: TimeSpan.FromSeconds(1)),
            Notifications.Trace(TestResolver.ServerIp, TestResolver.ClientIp, at: TimeSpan.FromSeconds(2), flags: Ingest.TcpFlags.Syn | Ingest.TcpFlags.Ack, reply: true) with
            {
                SourcePort = 80,
                DestinationPort = 40000,
                SourceIdentity = 1002,
                DestinationIdentity = 1001,
            },
            Notifications.Drop(TestResolver.ClientIp, TestResolver.WorldIp, at: TimeSpan.FromSeconds(3)),
            Notifications.Udp(TestResolver.ClientIp, TestResolver.DnsIp, at: TimeSpan.FromSeconds(4)));
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [GeneratedRegex(@"^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d\.\d{3}$")]
    private static partial Regex StampMilli();

    [Fact]
    public async Task Observe_Compact_PrintsHubbleLines()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, run.Lines.Length);
        var (time, rest) = (run.Lines[0][..19], run.Lines[0][19..]);
        Assert.Matches(StampMilli(), time);
        Assert.Equal(": default/client-1:40000 (ID:1001) -> default/server-1:80 (ID:1002) to-endpoint FORWARDED (TCP Flags: SYN)", rest);
        // A reply is flipped so the client stays on the left, with the arrow turned.
        Assert.EndsWith(": default/client-1:40000 (ID:1001) <- default/server-1:80 (ID:1002) to-endpoint FORWARDED (TCP Flags: SYN, ACK)", run.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith(": default/client-1:40001 (ID:1001) -> 203.0.113.7:8080 (world) Policy denied DROPPED (TCP Flags: SYN)", run.Lines[2], StringComparison.Ordinal);
        Assert.EndsWith(": default/client-1:50000 (ID:1001) -> kube-system/coredns-abc:53 (ID:1003) from-endpoint FORWARDED (UDP)", run.Lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_PrintNodeName_AddsNodeInBrackets()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "--last", "1", "--print-node-name");
        Assert.Contains(" [node-1]: default/client-1:50000", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_VerdictDropped_PrintsOnlyTheDrop()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "--verdict", "DROPPED");
        Assert.Contains("Policy denied DROPPED", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_NotProtocolTcp_ExcludesTcp()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "--not", "--protocol", "tcp");
        Assert.Contains("(UDP)", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_NamespaceAndToPort_CombineLikeHubble()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "-n", "kube-system", "--to-port", "53");
        Assert.Contains("kube-system/coredns-abc:53", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_FromLabelAndIdentity_Filter()
    {
        var byLabel = await CliRun.RunAsync("observe", "--server", _node.Address, "--from-label", "k8s:app=server");
        Assert.Contains("<-", Assert.Single(byLabel.Lines), StringComparison.Ordinal);
        var byIdentity = await CliRun.RunAsync("observe", "--server", _node.Address, "--identity", "world");
        Assert.Contains("(world)", Assert.Single(byIdentity.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_Json_PrintsOneProtoJsonObjectPerLine()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "-o", "json", "--type", "drop");
        using var doc = JsonDocument.Parse(Assert.Single(run.Lines));
        var flow = doc.RootElement.GetProperty("flow");
        Assert.Equal("DROPPED", flow.GetProperty("verdict").GetString());
        Assert.Equal("POLICY_DENIED", flow.GetProperty("drop_reason_desc").GetString());
        Assert.Equal("client-1", flow.GetProperty("source").GetProperty("pod_name").GetString());
        Assert.Equal("node-1", doc.RootElement.GetProperty("node_name").GetString());
    }

    [Fact]
    public async Task Observe_Dict_PrintsKeyValueBlocks()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "--last", "2", "-o", "dict");
        Assert.Contains("     SOURCE: default/client-1:40001 (ID:1001)", run.Out, StringComparison.Ordinal);
        Assert.Contains("    VERDICT: DROPPED", run.Out, StringComparison.Ordinal);
        Assert.Contains("------------", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_Table_PrintsHeaderAndRows()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "--last", "2", "-o", "table");
        Assert.Equal(3, run.Lines.Length);
        Assert.StartsWith("TIMESTAMP", run.Lines[0], StringComparison.Ordinal);
        Assert.Contains("SUMMARY", run.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_FirstAndUnixSocket_ReadsOldest()
    {
        var run = await CliRun.RunAsync("observe", "--server", "unix://" + _node.SocketPath, "--first", "1");
        Assert.Contains("-> default/server-1:80", Assert.Single(run.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_BadVerdict_OneLineOnStderrAndNonZeroExit()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "--verdict", "MAYBE");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("MAYBE", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Observe_UnknownFlag_OneLineOnStderrAndNonZeroExit()
    {
        var run = await CliRun.RunAsync("observe", "--no-such-flag");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--no-such-flag", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_FirstWithFollow_IsRejected()
    {
        var run = await CliRun.RunAsync("observe", "--server", _node.Address, "--first", "2", "-f");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--first", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observe_ServerDown_NamesAddressAndHintsRelay()
    {
        var address = $"127.0.0.1:{FreePort.Next()}";
        var run = await CliRun.RunAsync("observe", "--server", address);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(address, run.Error, StringComparison.Ordinal);
        Assert.Contains("hubble-relay running?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AgainstObserver_PrintsHealthAndFlows()
    {
        var run = await CliRun.RunAsync("status", "--server", _node.Address);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Healthcheck (via {_node.Address}): Ok", run.Lines[0]);
        Assert.Equal("Current/Max Flows: 4/4,095 (0.10%)", run.Lines[1]);
        Assert.StartsWith("Flows/s: ", run.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListNodes_AgainstObserver_PrintsColumns()
    {
        var run = await CliRun.RunAsync("list", "nodes", "--server", _node.Address);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["NAME", "STATUS", "AGE", "FLOWS/S", "CURRENT/MAX-FLOWS"], run.Lines[0].Split("   ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("node-1", run.Lines[1], StringComparison.Ordinal);
        Assert.Contains("Connected", run.Lines[1], StringComparison.Ordinal);
        Assert.Contains("4/4,095 (0.10%)", run.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Executable_BadFlag_ExitsNonZeroWithOneStderrLine()
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(Cli.HubbleCli).Assembly.Location);
        psi.ArgumentList.Add("observe");
        psi.ArgumentList.Add("--last");
        psi.ArgumentList.Add("many");
        using var process = Process.Start(psi)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.NotEqual(0, process.ExitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("many", stderr, StringComparison.Ordinal);
    }
}
