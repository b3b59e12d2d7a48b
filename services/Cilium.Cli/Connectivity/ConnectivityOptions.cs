namespace Cilium.Cli.Connectivity;

/// <summary>The options of one <c>cilium connectivity test</c> run.</summary>
public sealed record ConnectivityOptions(
    string Namespace,
    TestSelection Selection,
    TimeSpan ConnectTimeout,
    TimeSpan RequestTimeout,
    bool SingleNode,
    bool Verbose,
    string FlowValidation,
    TimeSpan PolicyTimeout)
{
    /// <summary>How long a validated action waits for its flows to show in the relay.</summary>
    public TimeSpan FlowWait { get; init; } = TimeSpan.FromSeconds(5);
}
