using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Cilium.Dbg.Tests;

/// <summary><c>cilium-dbg monitor</c> against the fake agent's JSON-lines stream.</summary>
public sealed class MonitorCommandTests(FakeAgentFixture agent) : IClassFixture<FakeAgentFixture>
{
    private const string DropLine =
        "xx drop (Policy denied) flow 0x0 to endpoint 42, ifindex 12, identity 2->12345: 198.18.0.50:40000 -> 198.18.1.10:80 tcp";
    private const string TraceLine =
        "-> endpoint 42 flow 0x0 , identity 1->12345 ifindex 12: 198.18.0.1:50000 -> 198.18.1.10:80 tcp";
    private const string VerdictLine =
        "Policy verdict log: flow 0x0 local EP ID 7, remote ID 2, proto 1, egress, action allow, match L3-Only, 198.18.1.11 -> 198.18.9.9 icmp";

    private Task<DbgResult> RunAsync(params string[] args) => DbgProcess.RunAsync(agent.Server.SocketPath, args);

    [Fact]
    public async Task Monitor_Default_PrintsOneLineSummaries()
    {
        var result = await RunAsync("monitor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Press Ctrl-C to quit", DropLine, TraceLine, VerdictLine], result.Lines);
        Assert.Contains("/v1/monitor?follow=true", agent.Server.Requests);
    }

    [Fact]
    public async Task Monitor_TypeAndRelatedTo_SendsQueryAndFilters()
    {
        var result = await RunAsync("monitor", "-t", "drop", "-t", "policy-verdict", "--related-to", "42");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["Press Ctrl-C to quit", DropLine], result.Lines);
        Assert.Contains("/v1/monitor?follow=true&type=drop&type=policy-verdict&related-to=42", agent.Server.Requests);
    }

    [Fact]
    public async Task Monitor_Json_PrintsOneEventObjectPerLine()
    {
        var result = await RunAsync("monitor", "-j", "-t", "trace");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Lines);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("trace", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("to-endpoint", json.RootElement.GetProperty("observation-point").GetString());
    }

    [Fact]
    public async Task Monitor_CtrlC_StopsFollowingWithExitZero()
    {
        await using var following = await FakeAgentServer.StartAsync(holdMonitorOpen: true);
        using var process = DbgProcess.Start(following.SocketPath, "monitor");
        var stdout = new StringBuilder();
        var sawEvents = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (stdout)
            {
                stdout.AppendLine(e.Data);
                if (e.Data == VerdictLine)
                {
                    sawEvents.TrySetResult();
                }
            }
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await sawEvents.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(process.HasExited, "monitor ended although the agent kept the stream open");

            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));

            Assert.Equal(0, process.ExitCode);
            Assert.Equal("", await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
