namespace Cilium.Hubble.Relay.Peers;

/// <summary>
/// A peer joined (<paramref name="Added"/>) or left the <see cref="PeerPool"/>. A changed address is a leave with
/// <paramref name="Replaced"/> set, then a join: the node is still there, only reached elsewhere.
/// </summary>
public sealed record PeerChange(RelayPeer Peer, bool Added, bool Replaced = false);
