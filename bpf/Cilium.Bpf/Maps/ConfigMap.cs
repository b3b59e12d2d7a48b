namespace Cilium.Bpf.Maps;

/// <summary><c>cilium_config</c>: run-time settings of the datapath, read per packet.</summary>
public sealed class ConfigMap : IDisposable
{
    public const string Name = "cilium_config";

    public ConfigMap(BpfMap<uint, DatapathConfig> map) => Map = map;

    public BpfMap<uint, DatapathConfig> Map { get; }

    public EventAggregation Aggregation
    {
        get => Map.TryLookup(0u, out var c) ? (EventAggregation)c.Aggregation : EventAggregation.Medium;
        set => Map.Update(0u, new DatapathConfig { Aggregation = (uint)value });
    }

    public void Dispose() => Map.Dispose();
}
