using Cilium.Cli.Hubble;
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
        using var relay = await RelayForValidationAsync(options, ct);
        var validator = relay is null ? null : new FlowValidator(relay, options.FlowWait);
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
                    if (validator is not null)
                    {
                        done = await Task.WhenAll(done.Select(r => ValidateAsync(validator, test.Name, r, options.FlowValidation, ct)));
                    }
                    foreach (var scenario in done.GroupBy(r => r.Action.Scenario))
                    {
                        await output.WriteLineAsync($"  [-] Scenario [{test.Name}/{scenario.Key}]");
                        foreach (var r in scenario)
                        {
                            results.Add(r);
                            await output.WriteLineAsync($"  {(r.Passed ? "✅" : "❌")} [.] Action [{r.Action.Describe(test.Name)}] {ConnectivityReport.Word(r.Observed)}{(r.Passed ? "" : $" (expected {ConnectivityReport.Word(r.Action.Expected)})")}");
                            if (options.Verbose || !r.OutcomePassed)
                            {
                                await output.WriteLineAsync($"      {r.Output.ReplaceLineEndings(" ")} [{(int)r.Elapsed.TotalMilliseconds} ms]");
                            }
                            if (r.FlowError is not null)
                            {
                                await output.WriteLineAsync($"      ❌ {r.FlowError}");
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

    /// <summary>
    /// The relay's client when flows are to be validated. Validation was asked for, so a lab without a working relay
    /// is an error before anything is deployed, never a silent "outcomes only".
    /// </summary>
    private async Task<RelayClient?> RelayForValidationAsync(ConnectivityOptions options, CancellationToken ct)
    {
        if (options.FlowValidation == "disabled")
        {
            return null;
        }
        var relay = state.HubbleRelay ?? throw new InvalidOperationException(
            $"--flow-validation={options.FlowValidation} needs Hubble Relay, which is not enabled in lab '{state.Name}'; run: cilium hubble enable --name {state.Name} (or pass --flow-validation=disabled)");
        var client = new RelayClient(relay.HttpUrl);
        try
        {
            var nodes = await client.NodesAsync(ct);
            if (nodes.Unavailable > 0)
            {
                throw new InvalidOperationException($"--flow-validation: Hubble Relay cannot reach node(s) {string.Join(", ", nodes.UnavailableNodes)}; their flows would be missing (see cilium status --name {state.Name})");
            }
            await output.WriteLineAsync($"🔭 [{state.Cluster}] Validating flows through Hubble Relay {relay.Server} ({nodes.Connected} nodes, --flow-validation={options.FlowValidation})");
            return client;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException && !ct.IsCancellationRequested)
        {
            client.Dispose();
            throw new InvalidOperationException($"--flow-validation: Hubble Relay at {relay.HttpUrl} does not answer ({e.Message}); restart it: cilium hubble enable --name {state.Name}", e);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>strict: a flow mismatch fails the action; warning: it is printed and the action keeps its outcome.</summary>
    private async Task<ActionResult> ValidateAsync(FlowValidator validator, string test, ActionResult result, string mode, CancellationToken ct)
    {
        if (!result.OutcomePassed)
        {
            return result;
        }
        var problem = await validator.ValidateAsync(result, ct);
        if (problem is null)
        {
            return result;
        }
        if (mode == "strict")
        {
            return result with { FlowError = problem };
        }
        await output.WriteLineAsync($"  ⚠️  [.] Action [{result.Action.Describe(test)}]: {problem}");
        return result;
    }
}
