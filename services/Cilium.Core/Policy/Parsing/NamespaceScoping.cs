using Cilium.Core.Labels;
using Cilium.Core.Policy.Selectors;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// Cilium's namespace scoping on import (<c>pkg/k8s/apis/cilium.io/utils/utils.go</c> <c>getEndpointSelector</c>):
/// a selector with a <c>reserved:</c> key is left alone; one that names the pod namespace label is left alone; else a
/// namespaced policy adds <c>k8s:io.kubernetes.pod.namespace=&lt;ns&gt;</c> (unless the selector uses namespace
/// labels) and a clusterwide one adds "namespace label exists" (unless the rule targets init endpoints), so a
/// clusterwide wildcard still matches Cilium-managed pods only.
/// </summary>
public static class NamespaceScoping
{
    public const string PodNamespaceKey = "io.kubernetes.pod.namespace";
    public const string NamespaceLabelsPrefix = "io.cilium.k8s.namespace.labels";
    public const string ClusterKey = "io.cilium.k8s.policy.cluster";
    public const string ServiceAccountKey = "io.cilium.k8s.policy.serviceaccount";

    /// <param name="selector">the selector as written.</param>
    /// <param name="policyNamespace">the namespace of a namespaced policy; null for a clusterwide one.</param>
    /// <param name="matchesInit">the rule's subject selects <c>reserved:init</c>.</param>
    public static EndpointSelector Scope(EndpointSelector selector, string? policyNamespace, bool matchesInit)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.HasSource(LabelSources.Reserved))
        {
            return selector;
        }
        if (selector.HasKey(PodNamespaceKey, LabelSources.K8s, LabelSources.Any))
        {
            return selector;
        }
        if (policyNamespace is null)
        {
            return matchesInit
                ? selector
                : selector.With(new SelectorRequirement(LabelSources.K8s, PodNamespaceKey, SelectorOperator.Exists));
        }
        if (selector.HasKeyPrefix(NamespaceLabelsPrefix, LabelSources.K8s, LabelSources.Any))
        {
            return selector;
        }
        return selector.With(new SelectorRequirement(LabelSources.K8s, PodNamespaceKey, SelectorOperator.In, [policyNamespace]));
    }
}
