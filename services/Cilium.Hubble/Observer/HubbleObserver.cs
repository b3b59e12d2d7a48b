using System.Threading.Channels;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Ingest;
using Cilium.Hubble.Metrics;
using Cilium.Hubble.Ring;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace Cilium.Hubble.Observer;

/// <summary>
/// A node's Hubble observer: the agent hands it datapath notifications (<see cref="TryEnqueue"/> from its ring-buffer
/// reader, or <see cref="Publish"/> inline), it turns them into flows and keeps them in the <see cref="FlowRing"/>
/// that GetFlows reads. Events that could not be kept are counted and written into the ring as lost-event markers,
/// which is how Cilium tells readers about them.
/// </summary>
public sealed partial class HubbleObserver
{
    private readonly Channel<DatapathNotification> _queue;
    private readonly TimeProvider _time;
    private readonly ILogger<HubbleObserver> _logger;
    private long _seenFlows;
    private long _queueLost;

    public HubbleObserver(HubbleOptions options, FlowBuilder builder, HubbleMetrics metrics, TimeProvider time, ILogger<HubbleObserver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Ring = new FlowRing(options.BufferCapacity);
        Builder = builder;
        Metrics = metrics;
        Options = options;
        _time = time;
        _logger = logger;
        StartedAt = time.GetUtcNow();
        // Single reader (RunAsync), many writers; a full queue refuses rather than blocks the datapath reader.
        _queue = Channel.CreateBounded<DatapathNotification>(new BoundedChannelOptions(options.EventQueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public FlowRing Ring { get; }
    public FlowBuilder Builder { get; }
    public HubbleMetrics Metrics { get; }
    public HubbleOptions Options { get; }
    public string NodeName => Builder.NodeName;
    public DateTimeOffset StartedAt { get; }

    /// <summary>Flows ever stored (lost-event markers not included).</summary>
    public long SeenFlows => Interlocked.Read(ref _seenFlows);

    public TimeSpan Uptime => _time.GetUtcNow() - StartedAt;

    /// <summary>Queues a notification for <see cref="RunAsync"/>; false (and counted as lost) when the queue is full.</summary>
    public bool TryEnqueue(DatapathNotification notification)
    {
        if (_queue.Writer.TryWrite(notification))
        {
            return true;
        }
        Interlocked.Increment(ref _queueLost);
        return false;
    }

    /// <summary>Queues a notification, waiting for room: for a reader that would rather slow down than lose events.</summary>
    public ValueTask EnqueueAsync(DatapathNotification notification, CancellationToken cancellationToken) =>
        _queue.Writer.WriteAsync(notification, cancellationToken);

    /// <summary>Builds and stores the flow of one notification on the caller's thread.</summary>
    public Flow Publish(DatapathNotification notification)
    {
        var flow = Builder.Build(notification);
        Store(flow);
        return flow;
    }

    /// <summary>Stores a flow built elsewhere (L7 records of the proxy, tests). The flow must not be changed afterwards.</summary>
    public void Store(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        Metrics.RecordFlow(flow);
        Ring.Write(new GetFlowsResponse { Flow = flow, NodeName = flow.NodeName, Time = flow.Time });
        Interlocked.Increment(ref _seenFlows);
    }

    /// <summary>Events lost before they reached the observer, e.g. the agent's perf/ring buffer overflowed.</summary>
    public void ReportLost(LostEventSource source, ulong count, int? cpu = null)
    {
        if (count == 0)
        {
            return;
        }
        Metrics.RecordLost(source, count);
        var now = Timestamp.FromDateTimeOffset(_time.GetUtcNow());
        var lost = new LostEvent { Source = source, NumEventsLost = count, Cpu = cpu, First = now, Last = now };
        Ring.Write(new GetFlowsResponse { LostEvents = lost, NodeName = NodeName, Time = now });
        LogLost(count, ProtoName(source));
    }

    /// <summary>Drains the queue into the ring until cancelled; reports queue overflow as OBSERVER_EVENTS_QUEUE losses.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken))
            {
                FlushQueueLost();
                while (reader.TryRead(out var notification))
                {
                    Publish(notification);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        FlushQueueLost();
    }

    private void FlushQueueLost()
    {
        var lost = Interlocked.Exchange(ref _queueLost, 0);
        if (lost > 0)
        {
            ReportLost(LostEventSource.ObserverEventsQueue, (ulong)lost);
        }
    }

    private static string ProtoName(LostEventSource source) => Flows.ProtoEnumNames<LostEventSource>.Name(source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hubble lost {Count} events ({Source})")]
    private partial void LogLost(ulong count, string source);
}
