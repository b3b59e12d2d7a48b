namespace Cilium.Core.Labels;

/// <summary>The label sources Cilium knows (<c>pkg/labels/labels.go</c>), plus the older <c>container</c>.</summary>
public static class LabelSources
{
    public const string K8s = "k8s";
    public const string Reserved = "reserved";
    public const string Cidr = "cidr";
    public const string CidrGroup = "cidrgroup";
    public const string Node = "node";
    public const string Fqdn = "fqdn";
    public const string Generated = "gen";
    public const string Cni = "cni";
    public const string Unspec = "unspec";
    public const string Directory = "directory";
    public const string Any = "any";
    public const string Container = "container";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        K8s, Reserved, Cidr, CidrGroup, Node, Fqdn, Generated, Cni, Unspec, Directory, Any, Container,
    };
}
