using CsCheck;

namespace Cilium.Core.Tests.Labels;

/// <summary>Generators of valid Kubernetes-style label parts, for property tests.</summary>
internal static class LabelGen
{
    private const string Alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const string Inner = Alnum + "-_.";

    /// <summary>1-63 characters, alphanumeric at both ends.</summary>
    public static readonly Gen<string> Name =
        Gen.Select(Gen.Char[Alnum], Gen.String[Gen.Char[Inner], 0, 40], Gen.Char[Alnum], Gen.Bool)
            .Select((a, mid, z, single) => single ? a.ToString() : a + mid + z);

    public static readonly Gen<string> Value = Gen.Frequency((1, Gen.Const("")), (4, Name));

    /// <summary>Keys that the default filter keeps.</summary>
    public static readonly Gen<string> RelevantKey = Name.Where(n =>
        !n.StartsWith("io.kubernetes", StringComparison.Ordinal) && !n.StartsWith("kubernetes.io", StringComparison.Ordinal) &&
        !n.StartsWith("k8s.io", StringComparison.Ordinal) && !n.Contains("beta.kubernetes.io", StringComparison.Ordinal) &&
        !n.StartsWith("annotation", StringComparison.Ordinal) && !n.StartsWith("controller-", StringComparison.Ordinal) &&
        !n.StartsWith("pod-template-", StringComparison.Ordinal) && !n.StartsWith("etcd_node", StringComparison.Ordinal) &&
        !n.StartsWith("topology.kubernetes.io", StringComparison.Ordinal) && !n.StartsWith("statefulset.kubernetes.io", StringComparison.Ordinal) &&
        !n.StartsWith("apps.kubernetes.io", StringComparison.Ordinal) && !n.StartsWith("batch.kubernetes.io", StringComparison.Ordinal));

    public static readonly Gen<Core.Labels.Label> K8sLabel =
        Gen.Select(RelevantKey, Value).Select((k, v) => new Core.Labels.Label("k8s", k, v));

    /// <summary>Labels with distinct keys.</summary>
    public static readonly Gen<Core.Labels.Label[]> DistinctLabels =
        K8sLabel.Array[1, 12].Select(a => a.DistinctBy(l => l.Key).ToArray());
}
