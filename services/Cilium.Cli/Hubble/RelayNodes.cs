namespace Cilium.Cli.Hubble;

/// <summary>What the relay's ServerStatus says of the nodes: how many it reaches and which it does not.</summary>
public sealed record RelayNodes(int Connected, int Unavailable, IReadOnlyList<string> UnavailableNodes);
