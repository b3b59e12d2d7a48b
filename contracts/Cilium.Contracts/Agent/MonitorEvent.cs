using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>
/// One datapath event of the monitor stream, <c>GET /v1/monitor?follow=true</c>, one JSON object per line.
/// Cilium has no REST monitor (its client reads a binary socket); this is our stream, with the fields of
/// Cilium's drop, trace and policy-verdict notifications in kebab-case like the rest of the v1 API.
/// </summary>
/// <param name="Type">One of <see cref="MonitorEventType"/>.</param>
/// <param name="EndpointId">The local endpoint the event belongs to (0 for the host side).</param>
/// <param name="Protocol">Lower-case IP protocol name: <c>tcp</c>, <c>udp</c>, <c>icmp</c>, <c>icmpv6</c>, <c>sctp</c>.</param>
/// <param name="Verdict"><c>forwarded</c>, <c>dropped</c> (trace/drop) or <c>allow</c>, <c>deny</c>, <c>audit</c> (policy-verdict).</param>
/// <param name="DropReason">Cilium's numeric drop reason (e.g. 133 = Policy denied); set for drops and denied verdicts.</param>
/// <param name="MatchType">For policy verdicts: <c>L3-Only</c>, <c>L3-L4</c>, <c>L4-Only</c>, <c>all</c>, <c>none</c>.</param>
/// <param name="Direction"><c>ingress</c> or <c>egress</c>, seen from <paramref name="EndpointId"/>.</param>
/// <param name="ObservationPoint">For traces: <c>to-endpoint</c>, <c>from-endpoint</c>, <c>to-stack</c>, <c>to-overlay</c>, ….</param>
public sealed record MonitorEvent(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("cpu")] int Cpu = 0,
    [property: JsonPropertyName("endpoint-id")] long EndpointId = 0,
    [property: JsonPropertyName("source-identity")] long SourceIdentity = 0,
    [property: JsonPropertyName("destination-identity")] long DestinationIdentity = 0,
    [property: JsonPropertyName("source-ip")] string? SourceIp = null,
    [property: JsonPropertyName("destination-ip")] string? DestinationIp = null,
    [property: JsonPropertyName("source-port")] int SourcePort = 0,
    [property: JsonPropertyName("destination-port")] int DestinationPort = 0,
    [property: JsonPropertyName("protocol")] string? Protocol = null,
    [property: JsonPropertyName("verdict")] string? Verdict = null,
    [property: JsonPropertyName("drop-reason")] int DropReason = 0,
    [property: JsonPropertyName("drop-reason-desc")] string? DropReasonDesc = null,
    [property: JsonPropertyName("match-type")] string? MatchType = null,
    [property: JsonPropertyName("direction")] string? Direction = null,
    [property: JsonPropertyName("observation-point")] string? ObservationPoint = null,
    [property: JsonPropertyName("ifindex")] int Ifindex = 0,
    [property: JsonPropertyName("length")] int Length = 0);
