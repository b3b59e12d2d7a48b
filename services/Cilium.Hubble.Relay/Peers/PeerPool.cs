using Cilium.Hubble.Peers;
using Microsoft.Extensions.Logging;

namespace Cilium.Hubble.Relay.Peers;

/// <summary>
/// The observers the relay fans in, fed by every <see cref="IPeerDiscovery"/> (static list, Peer services, later node
/// events from NATS). A peer stays in the pool while unavailable, so status can say which node is missing.
/// </summary>
public sealed partial class PeerPool(ILogger<PeerPool> logger) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RelayPeer> _peers = new(StringComparer.Ordinal);

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
            _peers[peer.Name] = new RelayPeer(peer.Name, peer.Address);
        }
        replaced?.Dispose();
        LogPeerAdded(peer.Name, peer.Address);
    }

    public void Remove(string name)
    {
        RelayPeer? removed;
        lock (_lock)
        {
            _peers.Remove(name, out removed);
        }
        if (removed is not null)
        {
            removed.Dispose();
            LogPeerRemoved(name);
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
