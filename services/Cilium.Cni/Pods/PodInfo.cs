using System.Text.Json;
using Cilium.Cni.Spec;

namespace Cilium.Cni.Pods;

/// <summary>
/// Who the pod is: namespace, name and the labels its identity is derived from, taken from <c>CNI_ARGS</c>
/// (<c>K8S_POD_NAMESPACE</c>, <c>K8S_POD_NAME</c>, <c>CILIUM_LABELS</c>) and the config's <c>args.cni.labels</c>.
/// </summary>
/// <param name="Owner">The IPAM owner, <c>namespace/pod</c> as Cilium names it.</param>
public sealed record PodInfo(string Namespace, string Name, string? Uid, IReadOnlyList<string> Labels, string Owner)
{
    public const string DefaultNamespace = "default";
    public const string NamespaceLabel = "io.kubernetes.pod.namespace";
    public const string ClusterLabel = "io.cilium.k8s.policy.cluster";

    public static PodInfo From(CniEnvironment env, NetConf conf)
    {
        // Runtimes outside Kubernetes (podman passes only K8S_POD_NAME) still get a stable namespace and name.
        var ns = env.Args[CniArgs.PodNamespace] ?? DefaultNamespace;
        var name = env.Args[CniArgs.PodName] ?? env.ContainerId[..Math.Min(12, env.ContainerId.Length)];
        var labels = new List<string>();
        if (env.Args[CniArgs.Labels] is { } text)
        {
            foreach (var label in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                labels.Add(WithSource(label));
            }
        }
        foreach (var arg in ConfLabels(conf))
        {
            labels.Add(WithSource(arg.Value is null ? arg.Key! : $"{arg.Key}={arg.Value}"));
        }
        // As Cilium's pod labels: every pod carries its namespace and cluster, so policies can select on them.
        labels.RemoveAll(l => l.StartsWith($"k8s:{NamespaceLabel}=", StringComparison.Ordinal) || l.StartsWith($"k8s:{ClusterLabel}=", StringComparison.Ordinal));
        labels.Add($"k8s:{NamespaceLabel}={ns}");
        labels.Add($"k8s:{ClusterLabel}={(string.IsNullOrEmpty(conf.ClusterName) ? "default" : conf.ClusterName)}");
        return new PodInfo(ns, name, env.Args[CniArgs.PodUid], labels.Distinct(StringComparer.Ordinal).ToList(), $"{ns}/{name}");
    }

    /// <summary>A label without a source (<c>app=echo</c>) is a Kubernetes pod label (<c>k8s:app=echo</c>).</summary>
    private static string WithSource(string label)
    {
        var eq = label.IndexOf('=', StringComparison.Ordinal);
        var key = eq < 0 ? label : label[..eq];
        return key.Contains(':', StringComparison.Ordinal) ? label : "k8s:" + label;
    }

    private static IEnumerable<LabelArgument> ConfLabels(NetConf conf)
    {
        if (conf.Args is not { ValueKind: JsonValueKind.Object } args
            || !args.TryGetProperty("cni", out var cni) || cni.ValueKind != JsonValueKind.Object
            || !cni.TryGetProperty("labels", out var labels) || labels.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        try
        {
            return (labels.Deserialize(CniJsonContext.Default.LabelArgumentArray) ?? []).Where(l => !string.IsNullOrEmpty(l.Key));
        }
        catch (JsonException e)
        {
            throw new CniException(CniErrorCode.InvalidNetworkConfig, $"args.cni.labels must be a list of {{\"key\", \"value\"}}: {e.Message}");
        }
    }
}
