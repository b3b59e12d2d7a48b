namespace Cilium.Cli.Connectivity;

/// <summary>What an action observed: success, or the exit code and output of the command that failed.</summary>
/// <param name="FlowError">Why Hubble's flows disagree with the expectation (<c>--flow-validation=strict</c>); null when they agree or were not checked.</param>
public sealed record ActionResult(ConnectivityAction Action, DateTimeOffset Started, bool Succeeded, int ExitCode, string Output, TimeSpan Elapsed, string? FlowError = null)
{
    public Expectation Observed => Succeeded ? Expectation.Success : Expectation.Drop;

    /// <summary>The outcome matches and, when checked, so do the flows.</summary>
    public bool Passed => OutcomePassed && FlowError is null;

    /// <summary>
    /// Passed when the observation matches. A drop must look like one (a timeout, curl's 28, or ping's silence); a
    /// refused connection or an HTTP error is a failure either way.
    /// </summary>
    public bool OutcomePassed => Action.Expected == Expectation.Success
        ? Succeeded
        : !Succeeded && ExitCode is Workloads.HttpProbe.TimedOut or 1;
}
