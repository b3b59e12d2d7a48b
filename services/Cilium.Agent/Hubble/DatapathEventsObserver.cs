using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Cilium.Agent.Datapath;
using Cilium.Agent.Monitor;
using Cilium.Bpf;
using Cilium.Bpf.Maps;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Datapath;
using Cilium.Hubble;
using Cilium.Hubble.Hosting;
using Cilium.Hubble.Ingest;
using Cilium.ServiceDefaults;
using Cilium.ServiceDefaults.Health;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Hubble;

/// <summary>
/// Reads the node's ring buffer of datapath events and hands each one to Hubble (flows, the observer gRPC API on
/// <c>Hubble:ListenAddress</c> and <c>Hubble:SocketPath</c>) and to the monitor stream. The reader runs on its own
/// thread and never blocks on a slow consumer: Hubble's queue and the monitor channels count what they drop. The
/// Peer service announces every node of the cluster that registered a Hubble address (<see cref="NodePeers"/>).
/// </summary>
public sealed class DatapathEventsObserver(
    DatapathManager datapath,
    AgentEndpointResolver resolver,
    AgentReconciler reconciler,
    IOptions<ClusterOptions> cluster,
    MonitorBroadcaster monitor,
    Readiness readiness,
    IOptions<AgentOptions> agent,
    IConfiguration configuration,
    ILoggerFactory loggers,
    ILogger<DatapathEventsObserver> logger) : BackgroundService
{
    // bpf_ktime_get_ns() is CLOCK_MONOTONIC, which is also what Stopwatch reads on Linux.
    private readonly long _wallMinusMonotonicNs = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000) - (long)(Stopwatch.GetTimestamp() * (1_000_000_000.0 / Stopwatch.Frequency));

    public HubbleServer? Server { get; private set; }

    /// <summary>What <c>cilium-dbg status</c> shows for Hubble.</summary>
    public HubbleStatus Status { get; private set; } = new(StatusState.Disabled, "Hubble is not running");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!datapath.Enabled || !configuration.GetValue("Hubble:Enabled", true))
        {
            return;
        }
        await readiness.WaitAsync(stoppingToken);
        var options = HubbleNodeAddress.Options(configuration, agent.Value);
        // This node is announced from its node registration, like every other node (NodePeers), not by the server itself.
        options.AdvertiseAddress = "";
        Directory.CreateDirectory(Path.GetDirectoryName(options.SocketPath)!);
        File.Delete(options.SocketPath);
        try
        {
            Server = await HubbleServer.StartAsync(options, resolver, null, l => l.AddProvider(new ForwardingLoggerProvider(loggers)), [new DatapathMetrics(datapath)], stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A node without flows still forwards and enforces: report it, keep the agent up.
            Status = new HubbleStatus(StatusState.Failure, $"Hubble could not listen on {options.ListenAddress} / {options.SocketPath}: {e.Message}");
            logger.LogError(e, "Hubble observer could not start on {Address} / {Socket}", options.ListenAddress, options.SocketPath);
            return;
        }
        Status = new HubbleStatus(StatusState.Ok, $"Current/Max Flows: serving on {options.ListenAddress}", new HubbleStatusObserver(MaxFlows: options.BufferCapacity));
        logger.LogInformation("Hubble observer serving on {Address} and {Socket}, ring of {Capacity} flows", options.ListenAddress, options.SocketPath, options.BufferCapacity);
        var peersLock = new Lock();
        void SyncPeers()
        {
            lock (peersLock)
            {
                NodePeers.Sync(Server.Peers, reconciler.Nodes, cluster.Value.Name);
            }
        }
        reconciler.NodesChanged += SyncPeers;
        SyncPeers();
        using var reader = datapath.Node.OpenEventReader(OnEvent);
        ulong reportedLost = 0;
        var run = reader.RunAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested && !run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(1000, stoppingToken)).ConfigureAwait(false);
            var lost = reader.LostEvents;
            if (lost > reportedLost)
            {
                Server.Observer.ReportLost(Cilium.Hubble.Contracts.Flow.LostEventSource.PerfEventRingBuffer, lost - reportedLost);
                reportedLost = lost;
            }
        }
        reconciler.NodesChanged -= SyncPeers;
        await Server.DisposeAsync();
    }

    private void OnEvent(ReadOnlySpan<byte> record)
    {
        if (record.Length < Marshal.SizeOf<FlowEvent>())
        {
            return;
        }
        var e = MemoryMarshal.Read<FlowEvent>(record);
        var timestamp = DateTimeOffset.FromUnixTimeMilliseconds((_wallMinusMonotonicNs + (long)e.TimestampNs) / 1_000_000);
        var dropped = e.EventType == FlowEventType.Drop;
        var notification = new DatapathNotification
        {
            Type = dropped ? NotificationType.Drop : e.EventType == FlowEventType.PolicyVerdict ? NotificationType.PolicyVerdict : NotificationType.Trace,
            Timestamp = timestamp,
            DropReason = dropped ? e.DropReason : (ushort)0,
            SourceIp = e.Source,
            DestinationIp = e.Destination,
            Protocol = e.Protocol,
            SourcePort = e.SourcePort,
            DestinationPort = e.DestinationPort,
            TcpFlags = (TcpFlags)e.TcpFlags,
            IcmpType = e.Protocol is 1 or 58 ? (byte)e.SourcePort : (byte)0,
            SourceIdentity = e.SrcIdentity,
            DestinationIdentity = e.DstIdentity,
            EndpointId = e.EndpointId,
            Direction = e.TrafficDirection switch { Bpf.Maps.TrafficDirection.Ingress => PacketDirection.Ingress, Bpf.Maps.TrafficDirection.Egress => PacketDirection.Egress, _ => PacketDirection.Unknown },
            ObservationPoint = e.TrafficDirection == Bpf.Maps.TrafficDirection.Ingress ? TracePoint.ToEndpoint : TracePoint.FromEndpoint,
            MatchType = (PolicyMatch)e.MatchType,
            IsReply = e.ConnectionState == CtState.Reply,
            IfIndex = e.Ifindex,
        };
        Server?.Observer.TryEnqueue(notification);
        monitor.Publish(new MonitorEvent(
            dropped ? "drop" : e.EventType == FlowEventType.PolicyVerdict ? "policy-verdict" : "trace",
            timestamp,
            EndpointId: e.EndpointId,
            SourceIdentity: e.SrcIdentity,
            DestinationIdentity: e.DstIdentity,
            SourceIp: e.Source.ToString(),
            DestinationIp: e.Destination.ToString(),
            SourcePort: e.SourcePort,
            DestinationPort: e.DestinationPort,
            Protocol: MapFormatter.Protocol(e.Protocol),
            Verdict: dropped ? "DROPPED" : "FORWARDED",
            DropReason: dropped ? e.DropReason : 0,
            DropReasonDesc: dropped ? DropReasons.Describe(e.DropReason) : null,
            MatchType: ((PolicyMatch)e.MatchType).ToString(),
            Direction: e.TrafficDirection.ToString().ToUpperInvariant(),
            Ifindex: (int)e.Ifindex,
            Length: (int)e.PktLen));
    }

    /// <summary>Hubble's own host logs through the agent's logging.</summary>
    private sealed class ForwardingLoggerProvider(ILoggerFactory factory) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => factory.CreateLogger(categoryName);
        public void Dispose()
        {
        }
    }
}
