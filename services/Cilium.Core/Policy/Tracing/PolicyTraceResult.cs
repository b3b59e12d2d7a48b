using Cilium.Core.Policy.Engine;

namespace Cilium.Core.Policy.Tracing;

/// <summary>The answer to a trace: allowed only when both egress at the source and ingress at the destination allow.</summary>
public sealed record PolicyTraceResult(
    PolicyVerdict Verdict,
    uint SourceIdentity,
    uint DestinationIdentity,
    DirectionTrace Egress,
    DirectionTrace Ingress);
