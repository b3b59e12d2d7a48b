using System.Text.RegularExpressions;

namespace Cilium.Cli.Lab;

/// <summary>
/// Every name and address a lab uses, derived from its name alone, so <c>lab down --force</c> can find all of it
/// after a crash. A lab name is 1..12 lower-case letters and digits without a dash: then "<c>&lt;lab&gt;-</c>" is a
/// prefix no other lab's names start with. Addresses come only from 198.18.0.0/15 (RFC 2544 benchmarking):
/// node k (1-based) is 198.18.0.k/24 on the underlay and owns the pod CIDR 198.18.k.0/24.
/// </summary>
public sealed partial record LabLayout(string Name, string Root)
{
    public const string DefaultName = "kind";
    public const int MaxNodes = 16;
    public const string RootVariable = "CILIUM_LAB_ROOT";

    [GeneratedRegex("^[a-z][a-z0-9]{0,11}$")]
    private static partial Regex ValidName();

    public static LabLayout For(string name)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"lab name '{name}': use 1-12 lower-case letters and digits, starting with a letter (no dashes)");
        }
        var root = Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } r ? r : Path.GetTempPath();
        return new LabLayout(name, root);
    }

    /// <summary>Prefix of every network namespace of this lab.</summary>
    public string Prefix => Name + "-";

    public string Dir => Path.Combine(Root, $"cilium-lab-{Name}");
    public string StateFile => Path.Combine(Dir, "lab.json");
    public string PodsDir => Path.Combine(Dir, "pods");
    public string UnderlayNetns => $"{Name}-underlay";

    /// <summary>Prefix of the per-node bpffs directories (<c>/sys/fs/bpf/cilium-&lt;lab&gt;-&lt;role&gt;</c>).</summary>
    public string BpffsPrefix => $"/sys/fs/bpf/cilium-{Name}-";

    /// <summary>kind's node names: control-plane, worker, worker2, worker3, ...</summary>
    public static string Role(int index) => index switch
    {
        0 => "control-plane",
        1 => "worker",
        _ => $"worker{index}",
    };

    public LabNode Node(int index)
    {
        var k = index + 1;
        var name = $"{Name}-{Role(index)}";
        var dir = Path.Combine(Dir, "nodes", Role(index));
        return new LabNode(
            name,
            Netns: name,
            Ip: $"198.18.0.{k}",
            PodCidr: $"198.18.{k}.0/24",
            UnderlayLink: $"ul{k}",
            Dir: dir,
            Socket: Path.Combine(dir, "cilium.sock"),
            StateDir: Path.Combine(dir, "state"),
            CniConfDir: Path.Combine(dir, "net.d"),
            Bpffs: $"{BpffsPrefix}{Role(index)}");
    }

    public string PodNetns(string k8sNamespace, string pod) => $"{Name}-{k8sNamespace}-{pod}";
}
