using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Filters;
using Grpc.Core;
using ObserverBase = Cilium.Hubble.Contracts.Observer.Observer.ObserverBase;

namespace Cilium.Hubble.Observer;

/// <summary>The <c>observer.Observer</c> gRPC service of one node, over its <see cref="HubbleObserver"/>.</summary>
public sealed class ObserverService(HubbleObserver observer) : ObserverBase
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);

    public override async Task GetFlows(GetFlowsRequest request, IServerStreamWriter<GetFlowsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var reader = new FlowReader(observer.Ring, request, Filters(request));
        await foreach (var (entry, more) in reader.ReadAsync(context.CancellationToken))
        {
            if (entry.NodeName.Length == 0)
            {
                entry.NodeName = observer.NodeName;
            }
            // Hold the flush while more entries are ready: one HTTP/2 write per batch instead of per flow.
            responseStream.WriteOptions = more ? Buffered : null;
            await responseStream.WriteAsync(entry, context.CancellationToken);
        }
    }

    public override Task<ServerStatusResponse> ServerStatus(ServerStatusRequest request, ServerCallContext context) =>
        Task.FromResult(observer.Status());

    public override Task<GetNodesResponse> GetNodes(GetNodesRequest request, ServerCallContext context)
    {
        var response = new GetNodesResponse();
        response.Nodes.Add(observer.Node(observer.Options.AdvertiseAddress));
        return Task.FromResult(response);
    }

    public override Task<GetNamespacesResponse> GetNamespaces(GetNamespacesRequest request, ServerCallContext context)
    {
        var response = new GetNamespacesResponse();
        response.Namespaces.AddRange(observer.Namespaces());
        return Task.FromResult(response);
    }

    /// <summary>The agent publishes no agent events yet: history is empty, a follower waits until it leaves.</summary>
    public override async Task GetAgentEvents(GetAgentEventsRequest request, IServerStreamWriter<GetAgentEventsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Follow)
        {
            await WaitForCancelAsync(context.CancellationToken);
        }
    }

    /// <summary>The datapath emits no debug events yet; same shape as <see cref="GetAgentEvents"/>.</summary>
    public override async Task GetDebugEvents(GetDebugEventsRequest request, IServerStreamWriter<GetDebugEventsResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Follow)
        {
            await WaitForCancelAsync(context.CancellationToken);
        }
    }

    /// <summary>Compiles the request's filters; a bad filter or shape is the client's error (InvalidArgument).</summary>
    public static FlowFilterSet Filters(GetFlowsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (FlowReader.Validate(request) is { } problem)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, problem));
        }
        try
        {
            return new FlowFilterSet(request.Whitelist, request.Blacklist);
        }
        catch (FilterException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    private static async Task WaitForCancelAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
