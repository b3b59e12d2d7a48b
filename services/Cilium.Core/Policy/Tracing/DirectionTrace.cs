using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Tracing;

/// <summary>
/// The verdict of one side of a flow (egress at the source or ingress at the destination): whether policy is
/// enforced there, the verdict, a sentence saying why, and the rules that decided it (the deny rules when denied by
/// rule, the allow rules when allowed; none for a default deny).
/// </summary>
public sealed record DirectionTrace(
    TrafficDirection Direction,
    PolicyVerdict Verdict,
    bool Enforced,
    string Reason,
    IReadOnlyList<RuleOrigin> Rules);
