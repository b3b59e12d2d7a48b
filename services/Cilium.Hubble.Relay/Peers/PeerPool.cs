using System.Threading.Channels;
using Cilium.Hubble.Peers;
using Microsoft.Extensions.Logging;

namespace Cilium.Hubble.Relay.Peers;

/// <summary>
/// The observers the relay fans in, fed by every <see cref="IPeerDiscovery"/> (static list, Peer services). A peer stays
/// in the pool while unavailable, so status can say which node is missing; it leaves when its discovery says the node
/// is gone. Follow streams <see cref="Watch"/> the pool to take in nodes that join and let go of nodes that leave.
/// </summary>
public sealed partial class PeerPool(ILogger<PeerPool> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RelayPeer> _peers = new(StringComparer.Ordinal);
    private readonly List<Channel<PeerChange>> _watchers = [];

    public IReadOnlyList<RelayPeer> Snapshot()
    {
        lock (_lock)
        {
            return _peers.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        }
    }

    public void Upsert(HubblePeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        RelayPeer? replaced = null;
        lock (_lock)
        {
            if (_peers.TryGetValue(peer.Name, out var existing) && existing.Address == peer.Address)
            {
                return;
            }
            replaced = existing;
            var added = new RelayPeer(peer.Name, peer.Address);
            _peers[peer.Name] = added;
            if (replaced is not null)
            {
                Broadcast(new PeerChange(replaced, Added: false, Replaced: true));
            }
            Broadcast(new PeerChange(added, Added: true));
        }
        replaced?.Dispose();
        LogPeerAdded(peer.Name, peer.Address);
    }

    public void Remove(string name)
    {
        RelayPeer? removed;
        lock (_lock)
        {
            if (_peers.Remove(name, out removed))
            {
                Broadcast(new PeerChange(removed, Added: false));
            }
        }
        if (removed is not null)
        {
            removed.Dispose();
            LogPeerRemoved(name);
        }
    }

    /// <summary>The current peers and, from the same instant on, every change; changes are rare, so the queue is unbounded.</summary>
    public PeerWatch Watch()
    {
        var channel = Channel.CreateUnbounded<PeerChange>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            _watchers.Add(channel);
            var initial = _peers.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
            return new PeerWatch(initial, channel.Reader, () =>
            {
                lock (_lock)
                {
                    _watchers.Remove(channel);
                }
                channel.Writer.TryComplete();
            });
        }
    }

    private void Broadcast(PeerChange change)
    {
        foreach (var w in _watchers)
        {
            w.Writer.TryWrite(change);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var p in _peers.Values)
            {
                p.Dispose();
            }
            _peers.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hubble peer {Name} at {Address} added")]
    private partial void LogPeerAdded(string name, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hubble peer {Name} removed")]
    private partial void LogPeerRemoved(string name);
}
