using System.Text.Json.Serialization;

namespace Cilium.Cli.Status;

/// <summary>An error or warning line: component, the pod (process) it concerns, and what is wrong.</summary>
public sealed record StatusMessage(
    [property: JsonPropertyName("component")] string Component,
    [property: JsonPropertyName("pod")] string Pod,
    [property: JsonPropertyName("message")] string Message);
