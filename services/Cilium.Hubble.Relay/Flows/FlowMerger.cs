using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Relay;
using Cilium.Hubble.Relay.Peers;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cilium.Hubble.Relay.Flows;

/// <summary>
/// Fans one GetFlows request out to every peer and merges the answers in time order. Each node's stream is already
/// ordered, so the merge sends the oldest head once every live stream has one (exact order for history); with follow,
/// a flow that waited <see cref="RelayOptions.SortBufferDrainTimeout"/> goes out even while an idle node sends
/// nothing, as Cilium's relay does with its sort buffer. A node that fails is reported in a NODE_UNAVAILABLE status
/// and the others carry on.
/// </summary>
public sealed class FlowMerger(RelayOptions options, TimeProvider time)
{
    public async IAsyncEnumerable<GetFlowsResponse> MergeAsync(
        IReadOnlyList<RelayPeer> peers, GetFlowsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(request);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = Channel.CreateBounded<PeerEvent>(new BoundedChannelOptions(Math.Max(64, options.SortBufferMaxLen)) { SingleReader = true });
        var pumps = peers.Select((p, i) => PumpAsync(i, p, request, events.Writer, cts.Token)).ToArray();
        _ = Task.WhenAll(pumps).ContinueWith(_ => events.Writer.TryComplete(), TaskScheduler.Default);

        var queues = peers.Select(_ => new Queue<GetFlowsResponse>()).ToArray();
        var done = new bool[peers.Count];
        var pending = 0;
        try
        {
            var reader = events.Reader;
            while (true)
            {
                PeerEvent? next = null;
                if (!reader.TryRead(out next))
                {
                    if (pending > 0 && request.Follow)
                    {
                        next = await ReadWithTimeoutAsync(reader, options.SortBufferDrainTimeout, cts.Token);
                        if (next is null && !reader.Completion.IsCompleted)
                        {
                            // Nothing came for a while: what is buffered is as ordered as it will get.
                            while (pending > 0)
                            {
                                yield return Pop(queues, ref pending);
                            }
                            continue;
                        }
                    }
                    else if (await reader.WaitToReadAsync(cts.Token))
                    {
                        continue;
                    }
                }
                if (next is null)
                {
                    break;
                }
                switch (next)
                {
                    case { Response: { } r } when r.Flow is null:
                        // Lost events and node status of a node are passed on at once, not ordered.
                        yield return r;
                        break;
                    case { Response: { } r }:
                        queues[next.Index].Enqueue(r);
                        pending++;
                        break;
                    case { Error: { } error }:
                        done[next.Index] = true;
                        yield return Status(NodeState.NodeUnavailable, peers[next.Index].Name, error);
                        break;
                    default:
                        done[next.Index] = true;
                        break;
                }
                while (pending > 0 && (pending > options.SortBufferMaxLen || Ready(queues, done)))
                {
                    yield return Pop(queues, ref pending);
                }
            }
            while (pending > 0)
            {
                yield return Pop(queues, ref pending);
            }
        }
        finally
        {
            await cts.CancelAsync();
        }
    }

    private static async Task<PeerEvent?> ReadWithTimeoutAsync(ChannelReader<PeerEvent> reader, TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            if (await reader.WaitToReadAsync(timer.Token) && reader.TryRead(out var e))
            {
                return e;
            }
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Every stream still running has a flow waiting, so the oldest head is the oldest flow overall.</summary>
    private static bool Ready(Queue<GetFlowsResponse>[] queues, bool[] done)
    {
        for (var i = 0; i < queues.Length; i++)
        {
            if (!done[i] && queues[i].Count == 0)
            {
                return false;
            }
        }
        return true;
    }

    private static GetFlowsResponse Pop(Queue<GetFlowsResponse>[] queues, ref int pending)
    {
        var best = -1;
        Timestamp? bestTime = null;
        for (var i = 0; i < queues.Length; i++)
        {
            if (queues[i].TryPeek(out var head) && (bestTime is null || head.Time.CompareTo(bestTime) < 0))
            {
                best = i;
                bestTime = head.Time;
            }
        }
        pending--;
        return queues[best].Dequeue();
    }

    private static async Task PumpAsync(int index, RelayPeer peer, GetFlowsRequest request, ChannelWriter<PeerEvent> writer, CancellationToken ct)
    {
        try
        {
            using var call = peer.Client.GetFlows(request, cancellationToken: ct);
            var connected = false;
            await foreach (var response in call.ResponseStream.ReadAllAsync(ct))
            {
                if (!connected)
                {
                    peer.MarkConnected();
                    connected = true;
                }
                if (response.NodeName.Length == 0)
                {
                    response.NodeName = peer.Name;
                }
                response.Time ??= response.Flow?.Time ?? response.LostEvents?.Last;
                await writer.WriteAsync(new PeerEvent(index, response, null), ct);
            }
            peer.MarkConnected();
            await writer.WriteAsync(new PeerEvent(index, null, null), ct);
        }
        catch (RpcException e) when (!ct.IsCancellationRequested)
        {
            // A filter the node rejects is the client's error, not the node's health.
            if (e.StatusCode != StatusCode.InvalidArgument)
            {
                peer.MarkUnavailable(e.Status.Detail);
            }
            await writer.WriteAsync(new PeerEvent(index, null, $"{e.StatusCode}: {e.Status.Detail}"), ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private GetFlowsResponse Status(NodeState state, string node, string message)
    {
        var now = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        var status = new NodeStatusEvent { StateChange = state, Message = message };
        status.NodeNames.Add(node);
        return new GetFlowsResponse { NodeStatus = status, Time = now };
    }

    private sealed record PeerEvent(int Index, GetFlowsResponse? Response, string? Error);
}
