using System.Globalization;

namespace Cilium.Hubble.Relay.Metrics;

/// <summary>The relay's Prometheus counters, written by hand as text at <c>/metrics</c>.</summary>
public sealed class RelayMetrics
{
    private long _flowsForwarded;
    private long _getFlows;
    private long _connected;
    private long _unavailable;

    public void FlowForwarded() => Interlocked.Increment(ref _flowsForwarded);

    public void GetFlowsCalled() => Interlocked.Increment(ref _getFlows);

    public void PeersSeen(int connected, int unavailable)
    {
        Interlocked.Exchange(ref _connected, connected);
        Interlocked.Exchange(ref _unavailable, unavailable);
    }

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("# HELP hubble_relay_pool_peer_connection_status Number of peers by connection status, as of the last fan-out\n");
        writer.Write("# TYPE hubble_relay_pool_peer_connection_status gauge\n");
        writer.Write($"hubble_relay_pool_peer_connection_status{{status=\"READY\"}} {Num(Interlocked.Read(ref _connected))}\n");
        writer.Write($"hubble_relay_pool_peer_connection_status{{status=\"TRANSIENT_FAILURE\"}} {Num(Interlocked.Read(ref _unavailable))}\n");
        writer.Write("# HELP hubble_relay_flows_forwarded_total Flows sent to clients\n# TYPE hubble_relay_flows_forwarded_total counter\n");
        writer.Write($"hubble_relay_flows_forwarded_total {Num(Interlocked.Read(ref _flowsForwarded))}\n");
        writer.Write("# HELP hubble_relay_get_flows_requests_total GetFlows calls (gRPC and REST)\n# TYPE hubble_relay_get_flows_requests_total counter\n");
        writer.Write($"hubble_relay_get_flows_requests_total {Num(Interlocked.Read(ref _getFlows))}\n");
    }

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);
}
