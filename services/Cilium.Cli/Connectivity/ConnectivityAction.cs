namespace Cilium.Cli.Connectivity;

/// <summary>One packet exchange of a scenario and the outcome it must have.</summary>
public sealed record ConnectivityAction(string Scenario, string Name, ActionKind Kind, Peer Source, Peer Destination, int Port, Expectation Expected)
{
    public string Target => Kind == ActionKind.Http ? $"{Destination.Ip}:{Port}" : Destination.Ip;

    public string Describe(string test) =>
        $"{test}/{Scenario}/{Name}: {Source.Display} ({Source.Ip}) -> {Destination.Display} ({Target})";
}
