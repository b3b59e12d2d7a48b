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
    TimeSpan PolicyTimeout);
