namespace Cilium.Cli.Connectivity;

/// <summary>What an action observed: success, or the exit code and output of the command that failed.</summary>
public sealed record ActionResult(ConnectivityAction Action, bool Succeeded, int ExitCode, string Output, TimeSpan Elapsed)
{
    public Expectation Observed => Succeeded ? Expectation.Success : Expectation.Drop;

    /// <summary>
    /// Passed when the observation matches. A drop must look like one (a timeout, curl's 28, or ping's silence); a
    /// refused connection or an HTTP error is a failure either way.
    /// </summary>
    public bool Passed => Action.Expected == Expectation.Success
        ? Succeeded
        : !Succeeded && ExitCode is Workloads.HttpProbe.TimedOut or 1;
}
