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

    /// <summary>
    /// The node's Hubble observer. The agent runs in the machine's namespace, so TCP :4244 would be one port shared by
    /// every node; a socket per node is what the relay (and <c>hubble observe --server unix://...</c>) connects to.
    /// </summary>
    public string HubbleSocket => Path.Combine(Dir, "hubble.sock");
}
