namespace Cilium.Cli.Infrastructure;

/// <summary>What a finished command left: its exit code and both outputs.</summary>
public sealed record CommandResult(int ExitCode, string StdOut, string StdErr, bool TimedOut = false)
{
    public bool Ok => ExitCode == 0 && !TimedOut;

    /// <summary>One line for an error message: stderr when there is any, else stdout.</summary>
    public string Message => (string.IsNullOrWhiteSpace(StdErr) ? StdOut : StdErr).Trim();
}
