namespace Cilium.Cli.Connectivity;

/// <summary>
/// One named test: the policies it applies (YAML manifests in the test namespace) and the actions it runs, or the
/// reason it is skipped here. <paramref name="SkippedScenarios"/> counts scenarios of Cilium's test this lab cannot run.
/// </summary>
public sealed record ConnectivityTest(
    string Name,
    IReadOnlyList<PolicyManifest> Policies,
    Func<TestPods, IEnumerable<ConnectivityAction>> Actions,
    string? SkipReason = null,
    int SkippedScenarios = 0)
{
    public static ConnectivityTest Skipped(string name, string reason) => new(name, [], _ => [], reason);
}
