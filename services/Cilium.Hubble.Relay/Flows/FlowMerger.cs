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
/// ordered, so the merge sends the oldest head once every live stream has one (exact order for history). With follow,
/// no flow waits longer than <see cref="RelayOptions.SortBufferDrainTimeout"/> for older flows of other nodes: a node
/// that stays silent delays the others by that much at most, however busy they are (Cilium's relay sorts in a window
/// the same way). Follow also takes in nodes that join the pool after the call began and ends the streams of nodes
/// that leave it (NODE_GONE). A node that fails is reported in a NODE_UNAVAILABLE status and the others carry on.
/// </summary>
public sealed class FlowMerger(RelayOptions options, TimeProvider time)
{
    public async IAsyncEnumerable<GetFlowsResponse> MergeAsync(
        PeerPool pool, GetFlowsRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(request);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = Channel.CreateBounded<PeerEvent>(new BoundedChannelOptions(Math.Max(64, options.SortBufferMaxLen)) { SingleReader = true });
        var streams = new List<NodeStream>();
        var follow = request.Follow;
        using var watch = follow ? pool.Watch() : null;

        void Start(RelayPeer peer)
        {
            var stream = new NodeStream(peer, CancellationTokenSource.CreateLinkedTokenSource(cts.Token));
            streams.Add(stream);
            stream.Pump = PumpAsync(stream, request, events.Writer);
        }

        foreach (var peer in watch?.Initial ?? pool.Snapshot())
        {
            Start(peer);
        }
        if (watch is not null)
        {
            // A follow call lives until the client goes: the watch feeds joins and leaves into the same queue as the flows.
            _ = ForwardChangesAsync(watch.Changes, events.Writer, cts.Token);
        }
        else
        {
            _ = Task.WhenAll(streams.Select(s => s.Pump)).ContinueWith(_ => events.Writer.TryComplete(), TaskScheduler.Default);
        }

        var pending = 0;
        try
        {
            var reader = events.Reader;
            while (true)
            {
                while (pending > 0 && (pending > options.SortBufferMaxLen || Ready(streams)))
                {
                    yield return Pop(streams, ref pending);
                }
                if (follow)
                {
                    var now = time.GetTimestamp();
                    while (pending > 0 && time.GetElapsedTime(OldestArrival(streams), now) >= options.SortBufferDrainTimeout)
                    {
                        yield return Pop(streams, ref pending);
                    }
                }

                if (!reader.TryRead(out var next))
                {
                    if (follow && pending > 0)
                    {
                        var wait = options.SortBufferDrainTimeout - time.GetElapsedTime(OldestArrival(streams));
                        next = await ReadWithTimeoutAsync(reader, wait, cts.Token);
                        if (next is null)
                        {
                            if (reader.Completion.IsCompleted)
                            {
                                break;
                            }
                            // The oldest buffered flow has waited its time: the top of the loop sends it.
                            continue;
                        }
                    }
                    else if (await reader.WaitToReadAsync(cts.Token))
                    {
                        continue;
                    }
                    else
                    {
                        break;
                    }
                }

                switch (next)
                {
                    case { Change: { Added: true } join }:
                        Start(join.Peer);
                        break;
                    case { Change: { } leave }:
                        foreach (var s in streams.Where(s => ReferenceEquals(s.Peer, leave.Peer) && !s.Done))
                        {
                            s.Done = true;
                            await s.Cancellation.CancelAsync();
                            if (!leave.Replaced)
                            {
                                yield return Status(NodeState.NodeGone, s.Peer.Name, "node removed from the cluster");
                            }
                        }
                        break;
                    case { Stream: { Done: true } }:
                        // A node that left: its last flows still go out, nothing else of it does.
                        if (next.Response?.Flow is not null)
                        {
                            next.Stream.Queue.Enqueue(new Buffered(next.Response, time.GetTimestamp()));
                            pending++;
                        }
                        break;
                    case { Response: { } r } when r.Flow is null:
                        // Lost events and node status of a node are passed on at once, not ordered.
                        yield return r;
                        break;
                    case { Response: { } r }:
                        next.Stream!.Queue.Enqueue(new Buffered(r, time.GetTimestamp()));
                        pending++;
                        break;
                    case { Error: { } error }:
                        next.Stream!.Done = true;
                        yield return Status(NodeState.NodeUnavailable, next.Stream.Peer.Name, error);
                        break;
                    default:
                        next.Stream!.Done = true;
                        break;
                }
            }
            while (pending > 0)
            {
                yield return Pop(streams, ref pending);
            }
        }
        finally
        {
            await cts.CancelAsync();
            foreach (var s in streams)
            {
                s.Cancellation.Dispose();
            }
        }
    }

    private static async Task ForwardChangesAsync(ChannelReader<PeerChange> changes, ChannelWriter<PeerEvent> writer, CancellationToken ct)
    {
        try
        {
            await foreach (var change in changes.ReadAllAsync(ct))
            {
                await writer.WriteAsync(new PeerEvent(null, null, null, change), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task<PeerEvent?> ReadWithTimeoutAsync(ChannelReader<PeerEvent> reader, TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return null;
        }
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            if (await reader.WaitToReadAsync(linked.Token) && reader.TryRead(out var e))
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
    private static bool Ready(List<NodeStream> streams)
    {
        foreach (var s in streams)
        {
            if (!s.Done && s.Queue.Count == 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>When the longest-waiting buffered flow came in; each queue is in arrival order, so only heads count.</summary>
    private static long OldestArrival(List<NodeStream> streams)
    {
        var oldest = long.MaxValue;
        foreach (var s in streams)
        {
            if (s.Queue.TryPeek(out var head) && head.Arrived < oldest)
            {
                oldest = head.Arrived;
            }
        }
        return oldest;
    }

    private static GetFlowsResponse Pop(List<NodeStream> streams, ref int pending)
    {
        NodeStream? best = null;
        Timestamp? bestTime = null;
        foreach (var s in streams)
        {
            if (s.Queue.TryPeek(out var head) && (bestTime is null || head.Response.Time.CompareTo(bestTime) < 0))
            {
                best = s;
                bestTime = head.Response.Time;
            }
        }
        pending--;
        return best!.Queue.Dequeue().Response;
    }

    private static async Task PumpAsync(NodeStream stream, GetFlowsRequest request, ChannelWriter<PeerEvent> writer)
    {
        var peer = stream.Peer;
        var ct = stream.Cancellation.Token;
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
                await writer.WriteAsync(new PeerEvent(stream, response, null, null), ct);
            }
            peer.MarkConnected();
            await writer.WriteAsync(new PeerEvent(stream, null, null, null), ct);
        }
        catch (RpcException e) when (!ct.IsCancellationRequested && !peer.Removed)
        {
            // A filter the node rejects is the client's error, not the node's health.
            if (e.StatusCode != StatusCode.InvalidArgument)
            {
                peer.MarkUnavailable(e.Status.Detail);
            }
            await WriteQuietlyAsync(writer, new PeerEvent(stream, null, $"{e.StatusCode}: {e.Status.Detail}", null), ct);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or RpcException && (ct.IsCancellationRequested || peer.Removed))
        {
            // The call ended, or the node left the pool (its channel is disposed) and the merge hears of that from the
            // pool's watch: nothing more to say here.
        }
    }

    private static async Task WriteQuietlyAsync(ChannelWriter<PeerEvent> writer, PeerEvent e, CancellationToken ct)
    {
        try
        {
            await writer.WriteAsync(e, ct);
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

    private sealed record Buffered(GetFlowsResponse Response, long Arrived);

    /// <summary>One node's GetFlows call within a merge, with the flows it sent that are not out yet.</summary>
    private sealed class NodeStream(RelayPeer peer, CancellationTokenSource cancellation)
    {
        public RelayPeer Peer { get; } = peer;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public Queue<Buffered> Queue { get; } = new();
        public Task Pump { get; set; } = Task.CompletedTask;
        public bool Done { get; set; }
    }

    /// <summary>A flow, the end (all null) or the failure of a node's stream; or a change of the pool.</summary>
    private sealed record PeerEvent(NodeStream? Stream, GetFlowsResponse? Response, string? Error, PeerChange? Change);
}
