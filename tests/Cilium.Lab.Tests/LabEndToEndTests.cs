using System.Text.RegularExpressions;
using Cilium.Cli.Lab;
using Cilium.Testing;
using Xunit;

namespace Cilium.Lab.Tests;

/// <summary>
/// The whole product on this machine: a 3-node lab, Hubble Relay and its UI enabled, the full connectivity test with
/// flow validation, the denied requests in <c>hubble observe</c> and in the UI (headless Chromium), an agent killed
/// with SIGKILL and restarted under an established TCP connection, Hubble disabled and enabled again, then lab down
/// and an independent search for leftovers. One test, because every step needs the one before it.
/// </summary>
public sealed partial class LabEndToEndTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(4);

    /// <summary>The whole connectivity suite with flow validation: a bound, not a timing assertion.</summary>
    private static readonly TimeSpan Suite = TimeSpan.FromMinutes(8);

    [GeneratedRegex(@"created in namespace \S+ on \S+: (?<ip>[0-9.]+) \(netns (?<netns>[^)]+)\)")]
    private static partial Regex Created();

    [Fact]
    public async Task Lab_UpHubbleTestRestartDown_ConnectivityAndFlowsGreenConnectionKeptNothingLeft()
    {
        var lab = "t" + RunId.New();
        var relayPorts = new List<int>();
        try
        {
            var up = await CiliumCliProcess.RunAsync(Step, "lab", "up", "--name", lab, "--nodes", "3");
            Assert.True(up.ExitCode == 0, up.Output);

            var status = await CiliumCliProcess.RunAsync(Step, "status", "--wait", "--wait-duration", "2m", "--name", lab);
            Assert.True(status.ExitCode == 0, status.Output);
            Assert.Contains("Ready: 3/3", status.Output, StringComparison.Ordinal);
            Assert.Matches(@"Hubble Relay:\s+disabled", status.Output);

            // Validation asked for without a relay: a clear error before anything is deployed.
            var noRelay = await CiliumCliProcess.RunAsync(Step, "connectivity", "test", "--name", lab, "--flow-validation");
            Assert.True(noRelay.ExitCode == 1, noRelay.Output);
            Assert.Contains($"needs Hubble Relay, which is not enabled in lab '{lab}'; run: cilium hubble enable --name {lab}", noRelay.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Deploying", noRelay.Output, StringComparison.Ordinal);

            var relay = await EnableHubbleAsync(lab, ui: true);
            relayPorts.AddRange(relay.Ports);
            var withRelay = await CiliumCliProcess.RunAsync(Step, "status", "--wait", "--wait-duration", "1m", "--name", lab);
            Assert.True(withRelay.ExitCode == 0, withRelay.Output);
            Assert.Matches(@"Hubble Relay:\s+OK", withRelay.Output);
            Assert.Matches(@"Deployment\s+hubble-relay\s+Desired: 1, Ready: 1/1", withRelay.Output);

            var test = await CiliumCliProcess.RunAsync(Suite, "connectivity", "test", "--name", lab, "--connect-timeout", "2s", "--request-timeout", "5s", "--flow-validation");
            Assert.True(test.ExitCode == 0, test.Output);
            Assert.Contains("Validating flows through Hubble Relay", test.Output, StringComparison.Ordinal);
            Assert.Matches(@"✅ \[cilium-test-1\] All \d+ tests \(\d+ actions\) successful", test.Output);

            await AssertDeniedRequestObservedAsync(relay.Server);
            await AssertUiShowsMapAndFlowsAsync(relay.UiUrl!);

            await AssertConnectionSurvivesAgentRestartAsync(lab);

            var disable = await CiliumCliProcess.RunAsync(Step, "hubble", "disable", "--name", lab);
            Assert.True(disable.ExitCode == 0, disable.Output);
            Assert.False(IsAlive(relay.Pid), $"hubble-relay (pid {relay.Pid}) still runs after hubble disable");
            var disabled = await CiliumCliProcess.RunAsync(Step, "status", "--name", lab);
            Assert.Matches(@"Hubble Relay:\s+disabled", disabled.Output);
            Assert.DoesNotContain("hubble-relay", disabled.Output, StringComparison.Ordinal);

            // Enabled again and left running: lab down must stop it and the leftovers check must see it gone.
            var again = await EnableHubbleAsync(lab, ui: false);
            relayPorts.AddRange(again.Ports);
        }
        finally
        {
            var down = await CiliumCliProcess.RunAsync(Step, "lab", "down", "--name", lab, "--force");
            Assert.True(down.ExitCode == 0, down.Output);
        }
        Assert.Empty(LabLeftovers.Find(lab, relayPorts));
    }

    private sealed record RelayInfo(int Pid, string Server, string? UiUrl, IReadOnlyList<int> Ports);

    private static async Task<RelayInfo> EnableHubbleAsync(string lab, bool ui)
    {
        var enable = await CiliumCliProcess.RunAsync(Step, ui ? ["hubble", "enable", "--ui", "--name", lab] : ["hubble", "enable", "--name", lab]);
        Assert.True(enable.ExitCode == 0, enable.Output);
        Assert.Contains("sees 3/3 nodes", enable.Output, StringComparison.Ordinal);
        var state = LabStateStore.Require(LabLayout.For(lab));
        var relay = state.HubbleRelay ?? throw new Xunit.Sdk.XunitException("lab.json records no relay after hubble enable:\n" + enable.Output);
        var service = state.Service(LabHubbleRelay.ServiceName) ?? throw new Xunit.Sdk.XunitException("lab.json records no hubble-relay process");
        Assert.Contains($"hubble observe --server {relay.Server}", enable.Output, StringComparison.Ordinal);
        Assert.Equal(ui, relay.UiUrl is not null);
        if (ui)
        {
            Assert.Contains($"Hubble UI: {relay.UiUrl}", enable.Output, StringComparison.Ordinal);
        }
        return new RelayInfo(service.Pid, relay.Server, relay.UiUrl, [new Uri("http://" + relay.Server).Port, new Uri(relay.HttpUrl).Port]);
    }

    /// <summary>The echo-ingress tests deny HTTP from client to the echo pods: the relay still holds those drops.</summary>
    private static async Task AssertDeniedRequestObservedAsync(string server)
    {
        var observe = await CiliumCliProcess.RunHubbleAsync(Step, "observe", "--server", server, "--verdict", "DROPPED", "--namespace", "cilium-test-1", "--to-port", "8080", "--last", "2000");
        Assert.True(observe.ExitCode == 0, observe.Output);
        var lines = observe.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains(" DROPPED", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => DeniedRequest().IsMatch(l));
    }

    [GeneratedRegex(@"cilium-test-1/client2?:\d+ \(ID:\d+\) -> cilium-test-1/echo-(same|other)-node:8080 \(ID:\d+\) .*DROPPED")]
    private static partial Regex DeniedRequest();

    private static async Task AssertUiShowsMapAndFlowsAsync(string uiUrl)
    {
        const string ns = "cilium-test-1";
        string[] workloads = [$"{ns}/client", $"{ns}/client2", $"{ns}/echo-same-node", $"{ns}/echo-other-node"];
        using var page = new HubbleUiPage($"{uiUrl}?namespace={ns}&last=20000");
        var seen = await page.SnapshotAsync(s =>
            workloads.All(s.Nodes.Contains) && s.Edges.Any(e => e.Drops > 0) && s.Edges.Any(e => e.Drops == 0)
            && s.Rows.Any(r => r.Verdict == "DROPPED") && s.Rows.Any(r => r.Verdict == "FORWARDED"), TimeSpan.FromSeconds(60));
        var why = $"UI state '{seen.State}', nodes [{string.Join(", ", seen.Nodes)}], {seen.Edges.Count} edges, {seen.Rows.Count} rows";

        Assert.All(workloads, w => Assert.True(seen.Nodes.Contains(w), $"workload {w} missing from the map; {why}"));
        Assert.Contains(seen.Edges, e => workloads.Contains(e.From) && workloads.Contains(e.To));
        var red = "rgb(224, 49, 49)";
        var dropped = seen.Edges.Where(e => e.Drops > 0).ToList();
        Assert.True(dropped.Count > 0, $"no edge with dropped flows; {why}");
        Assert.All(dropped, e => Assert.Equal(red, e.Stroke));
        Assert.Contains(dropped, e => e.From.StartsWith($"{ns}/client", StringComparison.Ordinal) && e.To.StartsWith($"{ns}/", StringComparison.Ordinal));
        Assert.All(seen.Edges.Where(e => e.Drops == 0), e => Assert.NotEqual(red, e.Stroke));

        Assert.Contains(seen.Rows, r => r.Verdict == "FORWARDED" && r.Text.Contains(ns + "/", StringComparison.Ordinal));
        var droppedRows = seen.Rows.Where(r => r.Verdict == "DROPPED").ToList();
        Assert.True(droppedRows.Count > 0, $"no DROPPED row in the flow table; {why}");
        Assert.All(droppedRows, r => Assert.Equal("rgb(201, 42, 42)", r.Color));
        Assert.All(seen.Rows, r => Assert.Contains(ns + "/", r.Text, StringComparison.Ordinal));
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);

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
