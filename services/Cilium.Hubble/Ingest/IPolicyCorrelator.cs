namespace Cilium.Hubble.Ingest;

/// <summary>
/// Optional, implemented by the agent's policy engine: which rules matched a policy verdict. The datapath only says
/// allowed or denied; the names come from the policy that produced the map entry.
/// </summary>
public interface IPolicyCorrelator
{
    /// <summary>Policies that allowed (<paramref name="denied"/> false) or denied the flow; empty when unknown.</summary>
    IReadOnlyList<PolicyRef> Correlate(DatapathNotification notification, bool denied);
}
