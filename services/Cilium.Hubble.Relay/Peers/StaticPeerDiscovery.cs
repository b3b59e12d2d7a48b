using Cilium.Hubble.Peers;
using Microsoft.Extensions.Options;

namespace Cilium.Hubble.Relay.Peers;

/// <summary>Peers listed in <c>Relay:Peers</c> as <c>name=address</c> or <c>address</c>.</summary>
public sealed class StaticPeerDiscovery(IOptions<RelayOptions> options) : IPeerDiscovery
{
    public Task RunAsync(PeerPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        foreach (var entry in options.Value.Peers)
        {
            pool.Upsert(Parse(entry));
        }
        return Task.CompletedTask;
    }

    public static HubblePeer Parse(string entry)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry);
        var eq = entry.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 ? new HubblePeer(entry[..eq], entry[(eq + 1)..]) : new HubblePeer(entry, entry);
    }
}
