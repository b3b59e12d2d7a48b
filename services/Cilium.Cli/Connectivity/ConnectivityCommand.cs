using System.CommandLine;
using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;

namespace Cilium.Cli.Connectivity;

/// <summary><c>cilium connectivity test</c> against a lab.</summary>
public static class ConnectivityCommand
{
    public static Command Create(CliContext context)
    {
        var test = new Option<string[]>("--test", "-t") { Description = "Run tests that match one of the given regular expressions, skip tests by starting the expression with '!'", AllowMultipleArgumentsPerToken = false };
        var requestTimeout = new Option<string>("--request-timeout") { Description = "Maximum time allowed for each request (HTTP action)", DefaultValueFactory = _ => "10s" };
        var connectTimeout = new Option<string>("--connect-timeout") { Description = "Maximum time allowed for a connection to be established", DefaultValueFactory = _ => "2s" };
        var singleNode = new Option<bool>("--single-node") { Description = "Limit to tests able to run on a single node" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show informational messages and don't buffer any lines" };
        // Bare --flow-validation means strict. The default stays disabled: the lab runs without Hubble Relay unless enabled.
        var flowValidation = new Option<string>("--flow-validation")
        {
            Description = "Enable Hubble flow validation through Hubble Relay { disabled | warning | strict } (bare: strict)",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => "disabled",
        };
        flowValidation.AcceptOnlyFromAmong("disabled", "warning", "strict");
        var testNamespace = new Option<string>("--test-namespace") { Description = "Namespace to perform the connectivity in", DefaultValueFactory = _ => "cilium-test-1" };
        var policyTimeout = new Option<string>("--policy-timeout") { Description = "Maximum time for a policy to reach every agent", DefaultValueFactory = _ => "30s" };
        var testCommand = new Command("test", "Validate connectivity in the lab cluster")
        {
            test, requestTimeout, connectTimeout, singleNode, verbose, flowValidation, testNamespace, policyTimeout,
        };
        testCommand.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var layout = context.Layout(parse);
            var state = LabStateStore.Require(layout);
            var options = new ConnectivityOptions(
                parse.GetValue(testNamespace)!,
                new TestSelection(parse.GetValue(test) ?? []),
                Durations.Parse(parse.GetValue(connectTimeout)!),
                Durations.Parse(parse.GetValue(requestTimeout)!),
                parse.GetValue(singleNode) || state.Agents.Count < 2,
                parse.GetValue(verbose),
                parse.GetResult(flowValidation) is { Implicit: false, Tokens.Count: 0 } ? "strict" : parse.GetValue(flowValidation)!,
                Durations.Parse(parse.GetValue(policyTimeout)!));
            Lab.LabCommand.SplitId($"{options.Namespace}/x");
            var ok = await new ConnectivityRunner(layout, state, context.Executables, context.Out).RunAsync(options, ct);
            return ok ? 0 : 1;
        }));
        return new Command("connectivity", "Connectivity troubleshooting") { testCommand };
    }
}
