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
        set => Map.Update(0u, Current with { Aggregation = (uint)value });
    }

    /// <summary>The hash of the bpf_lxc.o whose programs are pinned (0: none yet).</summary>
    public uint ProgramHash
    {
        get => Current.ProgramHash;
        set => Map.Update(0u, Current with { ProgramHash = value });
    }

    private DatapathConfig Current => Map.TryLookup(0u, out var c) ? c : new DatapathConfig { Aggregation = (uint)EventAggregation.Medium };

    public void Dispose() => Map.Dispose();
}
