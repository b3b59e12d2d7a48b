namespace Cilium.Core.Labels;

/// <summary>
/// Reserved identities with Cilium's fixed numbers (<c>pkg/identity/numericidentity.go</c>). Each one's
/// label set is the single label <c>reserved:&lt;name&gt;</c>.
/// </summary>
public static class ReservedIdentities
{
    public const long Unknown = 0;
    public const long Host = 1;
    public const long World = 2;
    public const long Unmanaged = 3;
    public const long Health = 4;
    public const long Init = 5;
    public const long RemoteNode = 6;
    public const long KubeApiServer = 7;
    public const long Ingress = 8;
    public const long WorldIPv4 = 9;
    public const long WorldIPv6 = 10;

    /// <summary>Name (the key of the <c>reserved:</c> label) to number.</summary>
    public static readonly IReadOnlyDictionary<string, long> ByName = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["host"] = Host,
        ["world"] = World,
        ["unmanaged"] = Unmanaged,
        ["health"] = Health,
        ["init"] = Init,
        ["remote-node"] = RemoteNode,
        ["kube-apiserver"] = KubeApiServer,
        ["ingress"] = Ingress,
        ["world-ipv4"] = WorldIPv4,
        ["world-ipv6"] = WorldIPv6,
    };

    /// <summary>Every reserved identity with its labels, ordered by number.</summary>
    public static IReadOnlyList<(long Id, LabelSet Labels)> All { get; } =
        ByName.OrderBy(p => p.Value)
            .Select(p => (p.Value, LabelSet.From([new Label(LabelSources.Reserved, p.Key, "")])))
            .ToArray();

    public static bool IsReserved(long id) => id is > 0 and < 256;

    /// <summary>The reserved number of a label set equal to a reserved one, or null.</summary>
    public static long? Match(LabelSet labels) =>
        labels.Count == 1 && labels[0].Source == LabelSources.Reserved && ByName.TryGetValue(labels[0].Key, out var id) ? id : null;
}
