using System.Text.RegularExpressions;
using Cilium.Testing;
using Xunit;

namespace Cilium.Lab.Tests;

/// <summary>
/// The whole product on this machine: a 3-node lab, the full connectivity test, an agent killed with SIGKILL and
/// restarted under an established TCP connection, then lab down and an independent search for leftovers.
/// One test, because every step needs the one before it.
/// </summary>
public sealed partial class LabEndToEndTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    [GeneratedRegex(@"created in namespace \S+ on \S+: (?<ip>[0-9.]+) \(netns (?<netns>[^)]+)\)")]
    private static partial Regex Created();

    [Fact]
    public async Task Lab_UpTestRestartDown_ConnectivityGreenConnectionKeptNothingLeft()
    {
        var lab = "t" + RunId.New();
        try
        {
            var up = await CiliumCliProcess.RunAsync(Step, "lab", "up", "--name", lab, "--nodes", "3");
            Assert.True(up.ExitCode == 0, up.Output);

            var status = await CiliumCliProcess.RunAsync(Step, "status", "--wait", "--wait-duration", "2m", "--name", lab);
            Assert.True(status.ExitCode == 0, status.Output);
            Assert.Contains("Ready: 3/3", status.Output, StringComparison.Ordinal);

            var test = await CiliumCliProcess.RunAsync(Step, "connectivity", "test", "--name", lab, "--connect-timeout", "2s", "--request-timeout", "5s");
            Assert.True(test.ExitCode == 0, test.Output);
            Assert.Matches(@"✅ \[cilium-test-1\] All \d+ tests \(\d+ actions\) successful", test.Output);

            await AssertConnectionSurvivesAgentRestartAsync(lab);
        }
        finally
        {
            var down = await CiliumCliProcess.RunAsync(Step, "lab", "down", "--name", lab, "--force");
            Assert.True(down.ExitCode == 0, down.Output);
        }
        Assert.Empty(LabLeftovers.Find(lab));
    }

    private static async Task AssertConnectionSurvivesAgentRestartAsync(string lab)
    {
        var echo = await CiliumCliProcess.RunAsync(Step, "lab", "pod", "create", "restart/echo", "--node", "worker", "-l", "app=echo", "--name", lab);
        Assert.True(echo.ExitCode == 0, echo.Output);
        var client = await CiliumCliProcess.RunAsync(Step, "lab", "pod", "create", "restart/client", "--node", "worker2", "-l", "app=client", "--name", lab);
        Assert.True(client.ExitCode == 0, client.Output);
        var echoPod = Created().Match(echo.Output);
        var clientPod = Created().Match(client.Output);

        using var server = CiliumCliProcess.StartInNetns(lab, echoPod.Groups["netns"].Value, "lab", "echo-server", "--port", "8080", "--pod-name", "echo");
        Assert.Contains("listening", await server.StandardOutput.ReadLineAsync() ?? "", StringComparison.Ordinal);
        using var session = CiliumCliProcess.StartInNetns(lab, clientPod.Groups["netns"].Value, "lab", "http-session", $"http://{echoPod.Groups["ip"].Value}:8080/", "--request-timeout", "10s");
        var connected = await session.StandardOutput.ReadLineAsync() ?? "";
        Assert.StartsWith("connected", connected, StringComparison.Ordinal);

        async Task<string> RequestAsync()
        {
            await session.StandardInput.WriteLineAsync("get");
            await session.StandardInput.FlushAsync();
            return await session.StandardOutput.ReadLineAsync() ?? "(connection closed)";
        }

        var before = await RequestAsync();
        Assert.StartsWith("HTTP/1.1 200", before, StringComparison.Ordinal);

        // SIGKILL the agent of the client's node: the pinned datapath keeps forwarding the established connection.
        var kill = await CiliumCliProcess.RunAsync(Step, "lab", "restart-agent", "worker2", "--kill", "--name", lab);
        Assert.True(kill.ExitCode == 0, kill.Output);
        var whileDown = await RequestAsync();
        Assert.StartsWith("HTTP/1.1 200", whileDown, StringComparison.Ordinal);

        var restart = await CiliumCliProcess.RunAsync(Step, "lab", "restart-agent", "worker2", "--name", lab);
        Assert.True(restart.ExitCode == 0, restart.Output);
        var after = await RequestAsync();
        Assert.StartsWith("HTTP/1.1 200", after, StringComparison.Ordinal);

        // Same client address and port in every answer: one connection throughout, never a reconnect.
        var source = ClientOf(before);
        Assert.Equal(source, ClientOf(whileDown));
        Assert.Equal(source, ClientOf(after));

        await session.StandardInput.WriteLineAsync("quit");
        await session.WaitForExitAsync();
        Assert.Equal(0, session.ExitCode);
        server.Kill();
    }

    private static string ClientOf(string answer) => Regex.Match(answer, "\"client\":\"(?<c>[^\"]+)\"").Groups["c"].Value;
}
