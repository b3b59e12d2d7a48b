using System.Collections.Concurrent;
using System.Globalization;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Flows;

namespace Cilium.Hubble.Metrics;

/// <summary>
/// Hubble's Prometheus counters: <c>hubble_flows_processed_total{type,subtype,verdict}</c>,
/// <c>hubble_drop_total{reason,protocol}</c> and <c>hubble_lost_events_total{source}</c>. Hand-written text
/// exposition: the hot path only bumps a counter under a struct key; label strings are made when scraped.
/// </summary>
public sealed class HubbleMetrics
{
    private readonly ConcurrentDictionary<(int Type, int SubType, Verdict Verdict), Counter> _flows = new();
    private readonly ConcurrentDictionary<(DropReason Reason, Layer4.ProtocolOneofCase Protocol), Counter> _drops = new();
    private readonly ConcurrentDictionary<LostEventSource, Counter> _lost = new();

    public void RecordFlow(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var type = flow.EventType?.Type ?? 0;
        var subType = type == 4 ? flow.EventType!.SubType : 0;
        _flows.GetOrAdd((type, subType, flow.Verdict), static _ => new Counter()).Add(1);
        if (flow.Verdict == Verdict.Dropped)
        {
            _drops.GetOrAdd((flow.DropReasonDesc, flow.L4?.ProtocolCase ?? Layer4.ProtocolOneofCase.None), static _ => new Counter()).Add(1);
        }
    }

    public void RecordLost(LostEventSource source, ulong count) =>
        _lost.GetOrAdd(source, static _ => new Counter()).Add((long)count);

    public long FlowsProcessed => _flows.Values.Sum(c => c.Value);

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("# HELP hubble_flows_processed_total Total number of flows processed\n# TYPE hubble_flows_processed_total counter\n");
        foreach (var (key, counter) in _flows.OrderBy(k => k.Key))
        {
            var subType = key.Type == 4 ? FlowNames.TracePointName(key.SubType) : "";
            writer.Write($"hubble_flows_processed_total{{type=\"{FlowNames.EventTypeName(key.Type)}\",subtype=\"{subType}\",verdict=\"{VerdictName(key.Verdict)}\"}} {Num(counter.Value)}\n");
        }
        writer.Write("# HELP hubble_drop_total Number of drops\n# TYPE hubble_drop_total counter\n");
        foreach (var (key, counter) in _drops.OrderBy(k => k.Key))
        {
            var protocol = key.Protocol == Layer4.ProtocolOneofCase.None ? "" : key.Protocol.ToString();
            writer.Write($"hubble_drop_total{{reason=\"{DropReasonName(key.Reason)}\",protocol=\"{protocol}\"}} {Num(counter.Value)}\n");
        }
        writer.Write("# HELP hubble_lost_events_total Number of lost events\n# TYPE hubble_lost_events_total counter\n");
        foreach (var (key, counter) in _lost.OrderBy(k => k.Key))
        {
            writer.Write($"hubble_lost_events_total{{source=\"{LostSourceName(key)}\"}} {Num(counter.Value)}\n");
        }
    }

    /// <summary>The proto enum value names (<c>POLICY_DENIED</c>), as Cilium's metric labels show them.</summary>
    private static string DropReasonName(DropReason reason) => ProtoEnumNames<DropReason>.Name(reason);

    private static string VerdictName(Verdict verdict) => ProtoEnumNames<Verdict>.Name(verdict);

    private static string LostSourceName(LostEventSource source) => ProtoEnumNames<LostEventSource>.Name(source);

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long n) => Interlocked.Add(ref _value, n);
    }
}
