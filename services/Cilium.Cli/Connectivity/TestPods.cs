namespace Cilium.Cli.Connectivity;

/// <summary>The deployed test pods and nodes the scenarios pick their peers from.</summary>
public sealed record TestPods(string Namespace, Peer Client, Peer Client2, Peer EchoSameNode, Peer? EchoOtherNode, IReadOnlyList<Peer> Nodes)
{
    public IReadOnlyList<Peer> Clients => [Client, Client2];

    public IReadOnlyList<Peer> Echoes => EchoOtherNode is null ? [EchoSameNode] : [EchoSameNode, EchoOtherNode];
}
