namespace Cilium.Contracts.Agent;

/// <summary>Values of <see cref="EndpointPolicy.PolicyEnabled"/> (Cilium <c>models.EndpointPolicyEnabled</c>).</summary>
public static class EndpointPolicyEnabled
{
    public const string None = "none";
    public const string Ingress = "ingress";
    public const string Egress = "egress";
    public const string Both = "both";
    public const string AuditIngress = "audit-ingress";
    public const string AuditEgress = "audit-egress";
    public const string AuditBoth = "audit-both";
}
