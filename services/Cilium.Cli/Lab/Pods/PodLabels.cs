namespace Cilium.Cli.Lab.Pods;

/// <summary>
/// The labels a pod carries, as Kubernetes and Cilium would give them: the user's <c>k=v</c> pairs plus the
/// namespace, service-account and cluster labels Cilium derives (the identity of the pod depends on them).
/// </summary>
public static class PodLabels
{
    public static IReadOnlyDictionary<string, string> Parse(string? text)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"label '{pair}' is not key=value");
            }
            labels[pair[..eq]] = pair[(eq + 1)..];
        }
        return labels;
    }

    public static string Format(IReadOnlyDictionary<string, string> labels) => string.Join(',', labels.Select(l => $"{l.Key}={l.Value}"));

    /// <summary>Source-prefixed labels for the agent (<c>k8s:key=value</c>), with Cilium's derived ones added.</summary>
    public static IReadOnlyList<string> ForEndpoint(string k8sNamespace, IReadOnlyDictionary<string, string> labels, string cluster)
    {
        var all = new SortedDictionary<string, string>(labels.ToDictionary(), StringComparer.Ordinal)
        {
            ["io.kubernetes.pod.namespace"] = k8sNamespace,
            // Kubernetes gives a pod the namespace's "default" service account unless it names one; the connectivity
            // test's pods run as their deployment's own (name=client, ...), as in Cilium. Pods of one app thus share an
            // identity, as the replicas of a Deployment do.
            ["io.cilium.k8s.policy.serviceaccount"] = labels.TryGetValue("name", out var sa) ? sa : "default",
            ["io.cilium.k8s.policy.cluster"] = cluster,
        };
        return all.Select(l => $"k8s:{l.Key}={l.Value}").ToList();
    }
}
