using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Observer;
using Grpc.Core;
using ObserverBase = Cilium.Hubble.Contracts.Observer.Observer.ObserverBase;

namespace Cilium.Hubble.Relay.Flows;

/// <summary><c>observer.Observer</c> as served by hubble-relay on :4245.</summary>
public sealed class RelayObserverService(RelayObserver relay) : ObserverBase
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    public override async Task GetFlows(GetFlowsRequest request, IServerStreamWriter<GetFlowsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        // Reject bad filters here, once, instead of getting one error per node.
        _ = ObserverService.Filters(request);
        await using var e = relay.GetFlowsAsync(request, context.CancellationToken).GetAsyncEnumerator(context.CancellationToken);
        while (await e.MoveNextAsync())
        {
            // Without follow the whole answer is one batch: flush only at the end.
            responseStream.WriteOptions = request.Follow ? null : Buffered;
            await responseStream.WriteAsync(e.Current, context.CancellationToken);
        }
    }

    public override Task<ServerStatusResponse> ServerStatus(ServerStatusRequest request, ServerCallContext context) =>
        relay.StatusAsync(context?.CancellationToken ?? default);

    public override Task<GetNodesResponse> GetNodes(GetNodesRequest request, ServerCallContext context) =>
        relay.NodesAsync(context?.CancellationToken ?? default);

    public override Task<GetNamespacesResponse> GetNamespaces(GetNamespacesRequest request, ServerCallContext context) =>
        relay.NamespacesAsync(context?.CancellationToken ?? default);
}
