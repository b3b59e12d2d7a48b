using System.Text.Json.Serialization;

namespace Cilium.Cli.Status;

/// <summary>One node's agent as <c>GET /v1/healthz</c> on its socket describes it.</summary>
public sealed record AgentNodeStatus(
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("socket")] string Socket,
    [property: JsonPropertyName("pid")] int Pid,
    [property: JsonPropertyName("running")] bool Running,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("endpoints")] int Endpoints);
