namespace Cilium.Agent.Endpoints;

/// <summary>One line of an endpoint's status log (Cilium's <c>EndpointStatusChange</c>): code OK or Failure.</summary>
public sealed record EndpointLogEntry(DateTimeOffset Timestamp, string Code, string State, string Message);
