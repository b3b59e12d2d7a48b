namespace Cilium.Hubble.Peers;

/// <summary>A node's Hubble observer as other components reach it: name and <c>host:port</c> (or <c>unix://path</c>).</summary>
public sealed record HubblePeer(string Name, string Address, string TlsServerName = "");
