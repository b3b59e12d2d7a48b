using System.Text.Json.Serialization;

namespace Cilium.Policy.Models;

/// <summary>
/// The answer of a trace: <c>ALLOWED</c> only when egress at the source and ingress at the destination both allow;
/// the resolved ends, and each side with its verdict and the rules that decided it.
/// </summary>
public sealed record PolicyTraceResponse(
    [property: JsonPropertyName("verdict")] string Verdict,
    [property: JsonPropertyName("revision")] long Revision,
    [property: JsonPropertyName("source")] TracedPeer Source,
    [property: JsonPropertyName("destination")] TracedPeer Destination,
    [property: JsonPropertyName("dport")] int Dport,
    [property: JsonPropertyName("protocol")] string Protocol,
    [property: JsonPropertyName("egress")] TraceDirection Egress,
    [property: JsonPropertyName("ingress")] TraceDirection Ingress);
