using System.Threading.Channels;

namespace Cilium.Hubble.Relay.Peers;

/// <summary>
/// The pool as one follow stream sees it: the peers at the moment of <see cref="PeerPool.Watch"/>, then every change
/// after it, with nothing missed in between. Dispose to stop receiving changes.
/// </summary>
public sealed class PeerWatch(IReadOnlyList<RelayPeer> initial, ChannelReader<PeerChange> changes, Action unsubscribe) : IDisposable
{
    public IReadOnlyList<RelayPeer> Initial { get; } = initial;
    public ChannelReader<PeerChange> Changes { get; } = changes;

    public void Dispose() => unsubscribe();
}
