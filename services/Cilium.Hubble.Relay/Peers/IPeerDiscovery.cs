namespace Cilium.Hubble.Relay.Peers;

/// <summary>
/// A source of observers for the <see cref="PeerPool"/>. Register more with
/// <c>services.AddSingleton&lt;IPeerDiscovery, MyDiscovery&gt;()</c>; each runs for the relay's lifetime.
/// </summary>
public interface IPeerDiscovery
{
    Task RunAsync(PeerPool pool, CancellationToken cancellationToken);
}
