namespace Cilium.Core.Labels;

/// <summary>
/// Keeps the security-relevant labels of a workload, as Cilium's default label prefix configuration does
/// (<c>pkg/labelsfilter/filter.go</c>, <c>defaultLabelPrefixCfg</c>). A label is dropped when an exclude
/// prefix matches it and no longer include prefix does; reserved labels always stay.
/// </summary>
public sealed class SecurityLabelFilter
{
    private readonly IReadOnlyList<LabelPrefix> _includes;
    private readonly IReadOnlyList<LabelPrefix> _excludes;

    public SecurityLabelFilter(IReadOnlyList<LabelPrefix> includes, IReadOnlyList<LabelPrefix> excludes)
    {
        _includes = includes;
        _excludes = excludes;
    }

    /// <summary>Cilium's defaults.</summary>
    public static SecurityLabelFilter Default { get; } = new(
        [
            new(LabelSources.Reserved, ""),
            new(LabelSources.K8s, "io.kubernetes.pod.namespace"),
            new(LabelSources.K8s, "io.cilium.k8s.namespace.labels"),
            new(LabelSources.K8s, "app.kubernetes.io"),
            new(LabelSources.K8s, "io.cilium.k8s.policy.cluster"),
            new(LabelSources.K8s, "io.cilium.k8s.policy.serviceaccount"),
        ],
        [
            new(null, "io.kubernetes"),
            new(null, "kubernetes.io"),
            new(null, "statefulset.kubernetes.io/pod-name"),
            new(null, "apps.kubernetes.io/pod-index"),
            new(null, "batch.kubernetes.io/job-completion-index"),
            new(null, "batch.kubernetes.io/controller-uid"),
            new(null, "beta.kubernetes.io", Contains: true),
            new(null, "k8s.io"),
            new(null, "pod-template-generation"),
            new(null, "pod-template-hash"),
            new(null, "controller-revision-hash"),
            new(null, "controller-uid"),
            new(null, "annotation"),
            new(null, "etcd_node"),
            new(null, "topology.kubernetes.io"),
        ]);

    public bool IsSecurityRelevant(Label label)
    {
        if (label.Source == LabelSources.Reserved)
        {
            return true;
        }
        var excluded = Longest(_excludes, label);
        if (excluded < 0)
        {
            return true;
        }
        return Longest(_includes, label) > excluded;
    }

    public LabelSet Filter(LabelSet labels) => labels.Where(IsSecurityRelevant);

    private static int Longest(IReadOnlyList<LabelPrefix> prefixes, Label label)
    {
        var best = -1;
        foreach (var p in prefixes)
        {
            if (p.Matches(label) && p.Prefix.Length > best)
            {
                best = p.Prefix.Length;
            }
        }
        return best;
    }
}

/// <summary>A key prefix, optionally bound to one source; <paramref name="Contains"/> matches anywhere in the key.</summary>
public sealed record LabelPrefix(string? Source, string Prefix, bool Contains = false)
{
    public bool Matches(Label label) =>
        (Source is null || string.Equals(Source, label.Source, StringComparison.Ordinal)) &&
        (Contains ? label.Key.Contains(Prefix, StringComparison.Ordinal) : label.Key.StartsWith(Prefix, StringComparison.Ordinal));
}
