using Cilium.Hubble.Contracts.Peer;
using Grpc.Core;
using PeerBase = Cilium.Hubble.Contracts.Peer.Peer.PeerBase;

namespace Cilium.Hubble.Peers;

/// <summary>The <c>peer.Peer</c> gRPC service: streams the <see cref="PeerRegistry"/> to the relay.</summary>
public sealed class PeerService(PeerRegistry registry) : PeerBase
{
    public override async Task Notify(NotifyRequest request, IServerStreamWriter<ChangeNotification> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await foreach (var change in registry.SubscribeAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(change, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
        }
    }
}
