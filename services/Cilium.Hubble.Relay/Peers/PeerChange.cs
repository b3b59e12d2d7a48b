namespace Cilium.Hubble.Relay.Peers;

/// <summary>A peer joined (<paramref name="Added"/>) or left the <see cref="PeerPool"/>; a changed address is a leave, then a join.</summary>
public sealed record PeerChange(RelayPeer Peer, bool Added);
