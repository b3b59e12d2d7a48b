using Microsoft.Extensions.Hosting;

namespace Cilium.Hubble.Relay.Peers;

/// <summary>Runs every registered <see cref="IPeerDiscovery"/> into the one <see cref="PeerPool"/>.</summary>
public sealed class PeerDiscoveryRunner(IEnumerable<IPeerDiscovery> discoveries, PeerPool pool) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(discoveries.Select(d => d.RunAsync(pool, stoppingToken)));
}
