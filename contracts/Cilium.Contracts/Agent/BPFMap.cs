using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>A BPF map and its entries (Cilium <c>models.BPFMap</c>; answer of <c>GET /v1/map/{name}</c>).</summary>
/// <param name="Path">The pinned path in bpffs, e.g. <c>/sys/fs/bpf/tc/globals/cilium_ipcache_v2</c>.</param>
/// <param name="Cache">The entries as the agent decodes them; <c>GET /v1/map</c> may leave it out.</param>
public sealed record BPFMap(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("cache")] IReadOnlyList<BPFMapEntry>? Cache = null);
