using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;

namespace Cilium.Cli.Connectivity;

/// <summary>
/// Deploys the test pods, runs the selected tests in order (apply policies, wait for every agent, run the actions
/// concurrently, check each outcome, delete the policies), prints cilium-cli's report and removes what it made.
/// </summary>
public sealed class ConnectivityRunner(LabLayout layout, LabState state, Executables executables, TextWriter output)
{
    public async Task<bool> RunAsync(ConnectivityOptions options, CancellationToken ct)
    {
        var ns = options.Namespace;
        var catalog = TestCatalog.All(ns);
        var selected = catalog.Where(t => options.Selection.Includes(t.Name)).ToList();
        var report = new ConnectivityReport(ns);
        if (options.FlowValidation != "disabled")
        {
            await output.WriteLineAsync($"ℹ️  --flow-validation={options.FlowValidation}: Hubble flows are not checked yet (no Hubble relay in the lab); outcomes are.");
        }
        var deployment = new TestDeployment(layout, state, executables, output, ns);
        using var policies = new PolicyClient(state, options.PolicyTimeout);
        var runner = new ActionRunner(executables, options.ConnectTimeout, options.RequestTimeout);
        try
        {
            var pods = await deployment.DeployAsync(options.SingleNode, ct);
            await output.WriteLineAsync($"🏃[{ns}] Running {selected.Count} tests ...");
            for (var i = 0; i < selected.Count; i++)
            {
                var test = selected[i];
                var header = $"[{ns}] Test [{test.Name}] [{i + 1}/{selected.Count}]";
                if (test.SkipReason is not null)
                {
                    await output.WriteLineAsync($"[=] [{ns}] Skipping test [{test.Name}] [{i + 1}/{selected.Count}] ({test.SkipReason})");
                    report.Skipped++;
                    continue;
                }
                await output.WriteLineAsync($"[=] {header}");
                report.SkippedScenarios += test.SkippedScenarios;
                var results = new List<ActionResult>();
                string? error = null;
                try
                {
                    await policies.ApplyAsync(test.Policies, ct);
                    // Every action of a test at once: a drop costs a whole connect timeout, and they are independent.
                    var done = await Task.WhenAll(test.Actions(pods).Select(a => runner.RunAsync(a, ct)));
                    foreach (var scenario in done.GroupBy(r => r.Action.Scenario))
                    {
                        await output.WriteLineAsync($"  [-] Scenario [{test.Name}/{scenario.Key}]");
                        foreach (var r in scenario)
                        {
                            results.Add(r);
                            await output.WriteLineAsync($"  {(r.Passed ? "✅" : "❌")} [.] Action [{r.Action.Describe(test.Name)}] {ConnectivityReport.Word(r.Observed)}{(r.Passed ? "" : $" (expected {ConnectivityReport.Word(r.Action.Expected)})")}");
                            if (options.Verbose || !r.Passed)
                            {
                                await output.WriteLineAsync($"      {r.Output.ReplaceLineEndings(" ")} [{(int)r.Elapsed.TotalMilliseconds} ms]");
                            }
                        }
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
                {
                    error = e.Message;
                    await output.WriteLineAsync($"  ❌ {e.Message}");
                }
                finally
                {
                    try
                    {
                        await policies.DeleteAsync(ns, test.Policies, ct);
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
                    {
                        error ??= "cleanup: " + e.Message;
                        await output.WriteLineAsync($"  ❌ cleanup: {e.Message}");
                    }
                }
                report.Add(test.Name, results, error);
            }
        }
        finally
        {
            await output.WriteLineAsync($"🧹 [{state.Cluster}] Deleting the pods of namespace {ns}...");
            await deployment.DeleteAsync(CancellationToken.None);
        }
        // Tests outside --test are not counted as skipped, as in cilium-cli.
        await output.WriteLineAsync();
        foreach (var line in report.Lines())
        {
            await output.WriteLineAsync(line);
        }
        return report.Succeeded;
    }
}
