namespace Cilium.Hubble.Metrics;

/// <summary>More Prometheus text for the observer's <c>/metrics</c> (the agent adds its datapath counters).</summary>
public interface IMetricsSource
{
    /// <summary>Writes complete metric families (HELP, TYPE, samples) in the text exposition format.</summary>
    void WriteTo(TextWriter writer);
}
