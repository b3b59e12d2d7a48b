namespace Cilium.Cli.Connectivity;

/// <summary>The outcome of a run: results per test, skipped tests and scenarios, and the closing lines in cilium-cli's form.</summary>
public sealed class ConnectivityReport(string ns)
{
    private readonly List<(string Test, IReadOnlyList<ActionResult> Results, string? Error)> _tests = [];

    public int Skipped { get; set; }
    public int SkippedScenarios { get; set; }

    public void Add(string test, IReadOnlyList<ActionResult> results, string? error = null) => _tests.Add((test, results, error));

    public int Actions => _tests.Sum(t => t.Results.Count);

    public bool Succeeded => _tests.All(t => t.Error is null && t.Results.All(r => r.Passed));

    public IEnumerable<string> Lines()
    {
        var failed = _tests.Where(t => t.Error is not null || t.Results.Any(r => !r.Passed)).ToList();
        if (failed.Count == 0)
        {
            yield return $"✅ [{ns}] All {_tests.Count} tests ({Actions} actions) successful, {Skipped} tests skipped, {SkippedScenarios} scenarios skipped.";
            yield break;
        }
        var failedActions = failed.Sum(t => t.Results.Count(r => !r.Passed));
        yield return $"📋 Test Report [{ns}]";
        yield return $"❌ {failed.Count}/{_tests.Count} tests failed ({failedActions}/{Actions} actions), {Skipped} tests skipped, {SkippedScenarios} scenarios skipped:";
        foreach (var (test, results, error) in failed)
        {
            yield return $"Test [{test}]:";
            if (error is not null)
            {
                yield return $"  ❌ {error}";
            }
            foreach (var r in results.Where(r => !r.Passed))
            {
                yield return r.OutcomePassed
                    ? $"  ❌ {r.Action.Describe(test)}: {r.FlowError}"
                    : $"  ❌ {r.Action.Describe(test)}: expected {Word(r.Action.Expected)}, got {Word(r.Observed)} (exit {r.ExitCode})";
            }
        }
    }

    public static string Word(Expectation e) => e == Expectation.Success ? "success" : "drop";
}
