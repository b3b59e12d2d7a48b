using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>
/// <c>POST /v1/policy/trace</c>: would a flow from <paramref name="Source"/> to <paramref name="Destination"/> on
/// <paramref name="Dport"/>/<paramref name="Protocol"/> (TCP when omitted; for ICMP the port is the ICMP type) pass?
/// </summary>
public sealed record PolicyTraceRequest(
    [property: JsonPropertyName("source")] TraceEndpoint? Source,
    [property: JsonPropertyName("destination")] TraceEndpoint? Destination,
    [property: JsonPropertyName("dport")] int? Dport,
    [property: JsonPropertyName("protocol")] string? Protocol);
