using System.Text.Json.Serialization;

namespace Cilium.Contracts.Endpoints;

/// <summary>A named container port (Cilium's <c>Port</c> model), which policies can refer to by name.</summary>
/// <param name="Protocol">TCP, UDP, SCTP or ANY; TCP when omitted.</param>
public sealed record NamedPort(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("protocol")] string? Protocol);
