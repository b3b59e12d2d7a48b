using System.Text.Json.Serialization;

namespace Cilium.Cli.Status;

/// <summary>What <c>cilium status</c> found (also its <c>-o json</c> shape).</summary>
public sealed record StatusReport(
    [property: JsonPropertyName("cluster")] string Cluster,
    [property: JsonPropertyName("lab")] string Lab,
    [property: JsonPropertyName("summary")] IReadOnlyDictionary<string, string> Summary,
    [property: JsonPropertyName("workloads")] IReadOnlyList<WorkloadStatus> Workloads,
    [property: JsonPropertyName("agents")] IReadOnlyList<AgentNodeStatus> Agents,
    [property: JsonPropertyName("pods_managed")] int PodsManaged,
    [property: JsonPropertyName("pods_total")] int PodsTotal,
    [property: JsonPropertyName("errors")] IReadOnlyList<StatusMessage> Errors,
    [property: JsonPropertyName("warnings")] IReadOnlyList<StatusMessage> Warnings)
{
    [JsonIgnore]
    public bool Ok => Errors.Count == 0 && Workloads.All(w => w.Ready == w.Desired);
}
