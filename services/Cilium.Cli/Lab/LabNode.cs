namespace Cilium.Cli.Lab;

/// <summary>One node of a lab: its namespace, underlay address, pod CIDR and the files of its agent.</summary>
/// <param name="UnderlayLink">The node's veth end on the underlay bridge (inside the lab's underlay namespace).</param>
public sealed record LabNode(
    string Name,
    string Netns,
    string Ip,
    string PodCidr,
    string UnderlayLink,
    string Dir,
    string Socket,
    string StateDir,
    string CniConfDir,
    string Bpffs)
{
    public string ConfList => Path.Combine(CniConfDir, "05-cilium.conflist");
    public string LogFile => Path.Combine(Dir, "cilium-agent.log");
    public string PidFile => Path.Combine(Dir, "cilium-agent.pid");
}
