namespace Cilium.Cli.Infrastructure;

/// <summary>A command the CLI depends on failed; the message names the command and what it printed.</summary>
public sealed class CommandFailedException(string command, CommandResult result)
    : Exception($"{command}: {(result.TimedOut ? "timed out" : $"exit {result.ExitCode}")}: {result.Message}")
{
    public CommandResult Result { get; } = result;
}
