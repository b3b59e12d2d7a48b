using System.Text.Json.Serialization;

namespace Cilium.Cli.Status;

/// <summary>A row like Kubernetes' DaemonSet/Deployment rows: the agents are the "cilium" DaemonSet, each service a Deployment.</summary>
public sealed record WorkloadStatus(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("desired")] int Desired,
    [property: JsonPropertyName("ready")] int Ready,
    [property: JsonPropertyName("running")] int Running);
