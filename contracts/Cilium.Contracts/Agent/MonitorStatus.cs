using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The event reader of the node (Cilium <c>models.MonitorStatus</c>).</summary>
public sealed record MonitorStatus(
    [property: JsonPropertyName("cpus")] long Cpus = 0,
    [property: JsonPropertyName("npages")] long Npages = 0,
    [property: JsonPropertyName("pagesize")] long Pagesize = 0,
    [property: JsonPropertyName("lost")] long Lost = 0,
    [property: JsonPropertyName("unknown")] long Unknown = 0);
