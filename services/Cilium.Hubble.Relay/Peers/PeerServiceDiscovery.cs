using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Peer;
using Cilium.Hubble.Peers;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cilium.Hubble.Relay.Peers;

/// <summary>
/// Subscribes to <c>peer.Peer/Notify</c> of every address in <c>Relay:PeerServices</c>, as Cilium's relay does with
/// the <c>hubble-peer</c> service, and re-subscribes after <see cref="RelayOptions.RetryDelay"/> when the stream breaks.
/// </summary>
public sealed partial class PeerServiceDiscovery(IOptions<RelayOptions> options, ILogger<PeerServiceDiscovery> logger) : IPeerDiscovery
{
    public Task RunAsync(PeerPool pool, CancellationToken cancellationToken) =>
        Task.WhenAll(options.Value.PeerServices.Select(a => FollowAsync(pool, a, cancellationToken)));

    private async Task FollowAsync(PeerPool pool, string address, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var channel = HubbleChannels.Create(address);
                using var call = new Peer.PeerClient(channel).Notify(new NotifyRequest(), cancellationToken: cancellationToken);
                await foreach (var change in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    Apply(pool, change);
                }
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                LogStreamBroken(address, e.Status.Detail);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(options.Value.RetryDelay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public static void Apply(PeerPool pool, ChangeNotification change)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(change);
        switch (change.Type)
        {
            case ChangeNotificationType.PeerAdded or ChangeNotificationType.PeerUpdated:
                pool.Upsert(new HubblePeer(change.Name, change.Address, change.Tls?.ServerName ?? ""));
                break;
            case ChangeNotificationType.PeerDeleted:
                pool.Remove(change.Name);
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Peer service at {Address} unavailable: {Error}; retrying")]
    private partial void LogStreamBroken(string address, string error);
}
