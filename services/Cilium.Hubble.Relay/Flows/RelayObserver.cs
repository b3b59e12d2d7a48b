using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Relay;
using Cilium.Hubble.Relay.Metrics;
using Cilium.Hubble.Relay.Peers;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cilium.Hubble.Relay.Flows;

/// <summary>
/// The cluster-wide view over the <see cref="PeerPool"/>: merged flows, summed status, nodes and namespaces. Both the
/// gRPC Observer service and the REST face call it, so they always agree.
/// </summary>
public sealed class RelayObserver(PeerPool pool, FlowMerger merger, RelayMetrics metrics, IOptions<RelayOptions> options, TimeProvider time)
{
    private readonly DateTimeOffset _started = time.GetUtcNow();

    public async IAsyncEnumerable<GetFlowsResponse> GetFlowsAsync(GetFlowsRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        metrics.GetFlowsCalled();
        await foreach (var response in merger.MergeAsync(pool, request, cancellationToken))
        {
            if (response.Flow is not null)
            {
                metrics.FlowForwarded();
            }
            yield return response;
        }
    }

    public async Task<ServerStatusResponse> StatusAsync(CancellationToken cancellationToken)
    {
        var results = await FanOutAsync((p, ct) => p.Client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline(), cancellationToken: ct).ResponseAsync, cancellationToken);
        var response = new ServerStatusResponse
        {
            Version = HubbleVersion.Current,
            UptimeNs = (ulong)((time.GetUtcNow() - _started).Ticks * 100),
            NumConnectedNodes = (uint)results.Count(r => r.Result is not null),
            NumUnavailableNodes = (uint)results.Count(r => r.Result is null),
        };
        foreach (var (peer, status, _) in results)
        {
            if (status is null)
            {
                response.UnavailableNodes.Add(peer.Name);
                continue;
            }
            response.NumFlows += status.NumFlows;
            response.MaxFlows += status.MaxFlows;
            response.SeenFlows += status.SeenFlows;
            response.FlowsRate += status.FlowsRate;
        }
        return response;
    }

    public async Task<GetNodesResponse> NodesAsync(CancellationToken cancellationToken)
    {
        var results = await FanOutAsync((p, ct) => p.Client.ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline(), cancellationToken: ct).ResponseAsync, cancellationToken);
        var response = new GetNodesResponse();
        foreach (var (peer, status, _) in results)
        {
            response.Nodes.Add(new Node
            {
                Name = peer.Name,
                Address = peer.Address,
                State = status is null ? NodeState.NodeUnavailable : NodeState.NodeConnected,
                Version = status?.Version ?? "",
                Tls = new TLS { Enabled = false },
                UptimeNs = status?.UptimeNs ?? 0,
                NumFlows = status?.NumFlows ?? 0,
                MaxFlows = status?.MaxFlows ?? 0,
                SeenFlows = status?.SeenFlows ?? 0,
            });
        }
        return response;
    }

    public async Task<GetNamespacesResponse> NamespacesAsync(CancellationToken cancellationToken)
    {
        var results = await FanOutAsync((p, ct) => p.Client.GetNamespacesAsync(new GetNamespacesRequest(), deadline: Deadline(), cancellationToken: ct).ResponseAsync, cancellationToken);
        var response = new GetNamespacesResponse();
        response.Namespaces.AddRange(results
            .SelectMany(r => r.Result?.Namespaces ?? [])
            .DistinctBy(n => (n.Cluster, n.Namespace_))
            .OrderBy(n => n.Cluster, StringComparer.Ordinal).ThenBy(n => n.Namespace_, StringComparer.Ordinal));
        return response;
    }

    /// <summary>Calls every peer at once; a peer that fails gets a null result and is marked unavailable.</summary>
    private async Task<IReadOnlyList<(RelayPeer Peer, T? Result, string Error)>> FanOutAsync<T>(Func<RelayPeer, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        where T : class
    {
        var peers = pool.Snapshot();
        var tasks = peers.Select(async p =>
        {
            try
            {
                var result = await call(p, cancellationToken);
                p.MarkConnected();
                return (p, (T?)result, "");
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                p.MarkUnavailable(e.Status.Detail);
                return (p, (T?)null, e.Status.Detail);
            }
            catch (ObjectDisposedException)
            {
                // The peer left (its channel was disposed) while this call was on its way: unavailable, not a fault.
                return (p, (T?)null, "node removed");
            }
        });
        var results = await Task.WhenAll(tasks);
        metrics.PeersSeen(results.Count(r => r.Item2 is not null), results.Count(r => r.Item2 is null));
        return results;
    }

    private DateTime Deadline() => time.GetUtcNow().UtcDateTime + options.Value.NodeTimeout;
}
