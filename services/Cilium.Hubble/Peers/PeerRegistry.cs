using System.Threading.Channels;
using Cilium.Hubble.Contracts.Peer;

namespace Cilium.Hubble.Peers;

/// <summary>
/// The Hubble peers this node announces through <c>peer.Peer/Notify</c>. The agent fills it from the cluster's node
/// events (<see cref="Upsert"/> / <see cref="Remove"/>); each subscriber gets the current set as PEER_ADDED, then changes.
/// </summary>
public sealed class PeerRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, HubblePeer> _peers = new(StringComparer.Ordinal);
    private readonly List<Channel<ChangeNotification>> _subscribers = [];

    public IReadOnlyList<HubblePeer> Peers
    {
        get { lock (_lock) { return _peers.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ToList(); } }
    }

    public void Upsert(HubblePeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (_lock)
        {
            var type = _peers.TryGetValue(peer.Name, out var old)
                ? (old == peer ? ChangeNotificationType.Unknown : ChangeNotificationType.PeerUpdated)
                : ChangeNotificationType.PeerAdded;
            _peers[peer.Name] = peer;
            if (type != ChangeNotificationType.Unknown)
            {
                Broadcast(Notification(peer, type));
            }
        }
    }

    public void Remove(string name)
    {
        lock (_lock)
        {
            if (_peers.Remove(name, out var old))
            {
                Broadcast(Notification(old, ChangeNotificationType.PeerDeleted));
            }
        }
    }

    /// <summary>The current peers as PEER_ADDED, then every change, until cancelled.</summary>
    public async IAsyncEnumerable<ChangeNotification> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Unbounded: changes are rare (nodes joining or leaving) and a subscriber must not miss one.
        var channel = Channel.CreateUnbounded<ChangeNotification>(new UnboundedChannelOptions { SingleReader = true });
        lock (_lock)
        {
            foreach (var peer in _peers.Values)
            {
                channel.Writer.TryWrite(Notification(peer, ChangeNotificationType.PeerAdded));
            }
            _subscribers.Add(channel);
        }
        try
        {
            await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(channel);
            }
        }
    }

    private void Broadcast(ChangeNotification change)
    {
        foreach (var s in _subscribers)
        {
            s.Writer.TryWrite(change);
        }
    }

    private static ChangeNotification Notification(HubblePeer peer, ChangeNotificationType type) => new()
    {
        Name = peer.Name,
        Address = peer.Address,
        Type = type,
        Tls = peer.TlsServerName.Length > 0 ? new TLS { ServerName = peer.TlsServerName } : null,
    };
}
