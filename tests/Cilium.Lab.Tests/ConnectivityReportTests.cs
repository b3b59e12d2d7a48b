using Cilium.Cli.Connectivity;
using Xunit;

namespace Cilium.Lab.Tests;

public sealed class ConnectivityReportTests
{
    private static readonly Peer Client = new("client", "ns/client", "198.18.2.2", "lab-ns-client", "lab-worker", new Dictionary<string, string> { ["kind"] = "client" });
    private static readonly Peer Echo = new("echo", "ns/echo", "198.18.2.3", "lab-ns-echo", "lab-worker", new Dictionary<string, string> { ["kind"] = "echo" });

    private static ActionResult Result(Expectation expected, bool succeeded, int exit, string? flowError = null) =>
        new(new ConnectivityAction("pod-to-pod", "curl-ipv4-0", ActionKind.Http, Client, Echo, 8080, expected), DateTimeOffset.UnixEpoch, succeeded, exit, "", TimeSpan.Zero, flowError);

    [Fact]
    public void Lines_AllPassed_PrintsCiliumSuccessLine()
    {
        var report = new ConnectivityReport("cilium-test-1") { Skipped = 3, SkippedScenarios = 4 };
        report.Add("no-policies", [Result(Expectation.Success, true, 0)]);
        Assert.Equal(["✅ [cilium-test-1] All 1 tests (1 actions) successful, 3 tests skipped, 4 scenarios skipped."], report.Lines());
        Assert.True(report.Succeeded);
    }

    [Fact]
    public void Lines_OneFailed_PrintsReportWithFailedAction()
    {
        var report = new ConnectivityReport("cilium-test-1");
        report.Add("no-policies", [Result(Expectation.Success, true, 0)]);
        report.Add("echo-ingress", [Result(Expectation.Drop, true, 0)]);
        var lines = report.Lines().ToList();
        Assert.Equal("📋 Test Report [cilium-test-1]", lines[0]);
        Assert.Equal("❌ 1/2 tests failed (1/2 actions), 0 tests skipped, 0 scenarios skipped:", lines[1]);
        Assert.Contains(lines, l => l.Contains("expected drop, got success", StringComparison.Ordinal));
        Assert.False(report.Succeeded);
    }

    [Fact]
    public void Passed_DropExpectedButRefused_Fails() => Assert.False(Result(Expectation.Drop, false, 7).Passed);

    [Fact]
    public void Passed_DropExpectedAndTimedOut_Passes() => Assert.True(Result(Expectation.Drop, false, 28).Passed);

    [Fact]
    public void Lines_OutcomeRightFlowsWrong_FailsWithTheFlowError()
    {
        var report = new ConnectivityReport("cilium-test-1");
        var result = Result(Expectation.Drop, false, 28, "Hubble flow validation: expected a DROPPED flow (POLICY_DENIED or POLICY_DENY) from ns/client to ns/echo, saw no flow between them");
        report.Add("echo-ingress", [result]);
        Assert.True(result.OutcomePassed);
        Assert.False(result.Passed);
        Assert.False(report.Succeeded);
        Assert.Contains(report.Lines(), l => l.EndsWith(": Hubble flow validation: expected a DROPPED flow (POLICY_DENIED or POLICY_DENY) from ns/client to ns/echo, saw no flow between them", StringComparison.Ordinal));
    }
}
