namespace Cilium.Bpf.Maps;

/// <summary>Packets and bytes of one (reason, direction) pair, summed over CPUs.</summary>
public readonly record struct MetricsCounter(byte Reason, TrafficDirection Direction, ulong Packets, ulong Bytes);

/// <summary>
/// <c>cilium_metrics</c>: per-CPU counters of forwarded (reason 0) and dropped (reason = drop reason) packets and
/// bytes per direction, the source of <c>cilium_forward_count_total</c> / <c>cilium_drop_count_total</c>.
/// </summary>
public sealed class MetricsMap : IDisposable
{
    public const string Name = "cilium_metrics";
    public const uint DefaultMaxEntries = 1024;

    public MetricsMap(PerCpuMap<MetricsKey, MetricsValue> map) => Map = map;

    public PerCpuMap<MetricsKey, MetricsValue> Map { get; }

    public MetricsCounter Get(byte reason, TrafficDirection direction)
    {
        var perCpu = Map.Lookup(new MetricsKey { Reason = reason, Dir = (byte)direction });
        ulong packets = 0, bytes = 0;
        foreach (var v in perCpu ?? [])
        {
            packets += v.Count;
            bytes += v.Bytes;
        }
        return new MetricsCounter(reason, direction, packets, bytes);
    }

    public IReadOnlyList<MetricsCounter> Read() =>
        Map.Keys().Select(k => Get(k.Reason, (TrafficDirection)k.Dir)).ToList();

    public void Dispose() => Map.Dispose();
}
