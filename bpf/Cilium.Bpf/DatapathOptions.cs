using Cilium.Bpf.Maps;

namespace Cilium.Bpf;

/// <summary>
/// Where the datapath lives in bpffs and how big its maps are. Sizes are applied before load (Cilium's defaults);
/// a map already pinned keeps the size it was created with.
/// </summary>
public sealed record DatapathOptions
{
    /// <summary>The bpffs directory everything is pinned under, e.g. <c>/sys/fs/bpf/cilium-node-1</c>.</summary>
    public required string BpffsRoot { get; init; }

    /// <summary>Where bpf_lxc.o and bpf_globals.o are; defaults to <c>bpf/</c> next to the running assembly.</summary>
    public string ObjectDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "bpf");

    public uint IpCacheMaxEntries { get; init; } = IpCacheMap.DefaultMaxEntries;
    public uint PolicyMaxEntries { get; init; } = PolicyMap.DefaultMaxEntries;
    public uint CtTcpMaxEntries { get; init; } = CtMap.DefaultTcpMaxEntries;
    public uint CtAnyMaxEntries { get; init; } = CtMap.DefaultAnyMaxEntries;
    public uint MetricsMaxEntries { get; init; } = MetricsMap.DefaultMaxEntries;
    public uint FragmentsMaxEntries { get; init; } = 8192;

    /// <summary>Ring-buffer size in bytes: a power of two, a multiple of the page size.</summary>
    public uint EventsRingBytes { get; init; } = 8 * 1024 * 1024;

    public EventAggregation Aggregation { get; init; } = EventAggregation.Medium;
}
