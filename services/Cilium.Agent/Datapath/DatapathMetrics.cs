using System.Globalization;
using Cilium.Bpf.Maps;
using Cilium.Contracts.Datapath;
using Cilium.Hubble.Metrics;

namespace Cilium.Agent.Datapath;

/// <summary>
/// The agent's datapath counters in Cilium's names, read from <c>cilium_metrics</c> at every scrape:
/// <c>cilium_forward_count_total{direction}</c>, <c>cilium_forward_bytes_total{direction}</c>,
/// <c>cilium_drop_count_total{direction,reason}</c> and <c>cilium_drop_bytes_total{direction,reason}</c>, where the
/// reason is Cilium's description of the drop code (<c>Policy denied</c>). Served on the observer's <c>/metrics</c>.
/// </summary>
public sealed class DatapathMetrics(DatapathManager datapath) : IMetricsSource
{
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var counters = datapath.IsOpen ? datapath.Node.Metrics.Read() : [];
        var forwarded = counters.Where(c => c.Reason == 0).OrderBy(c => c.Direction).ToList();
        var dropped = counters.Where(c => c.Reason != 0).OrderBy(c => c.Reason).ThenBy(c => c.Direction).ToList();

        Family(writer, "cilium_forward_count_total", "Total forwarded packets", forwarded, c => c.Packets, drop: false);
        Family(writer, "cilium_forward_bytes_total", "Total forwarded bytes", forwarded, c => c.Bytes, drop: false);
        Family(writer, "cilium_drop_count_total", "Total dropped packets", dropped, c => c.Packets, drop: true);
        Family(writer, "cilium_drop_bytes_total", "Total dropped bytes", dropped, c => c.Bytes, drop: true);
    }

    private static void Family(TextWriter writer, string name, string help, List<MetricsCounter> counters, Func<MetricsCounter, ulong> value, bool drop)
    {
        writer.Write($"# HELP {name} {help}\n# TYPE {name} counter\n");
        foreach (var c in counters)
        {
            var labels = drop
                ? $"direction=\"{Direction(c.Direction)}\",reason=\"{DropReasons.Describe(c.Reason)}\""
                : $"direction=\"{Direction(c.Direction)}\"";
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{name}{{{labels}}} {value(c)}\n"));
        }
    }

    private static string Direction(TrafficDirection direction) => direction switch
    {
        TrafficDirection.Ingress => "INGRESS",
        TrafficDirection.Egress => "EGRESS",
        _ => "UNKNOWN",
    };
}
