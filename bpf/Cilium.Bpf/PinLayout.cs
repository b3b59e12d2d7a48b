namespace Cilium.Bpf;

/// <summary>
/// Where things are pinned under the bpffs root:
/// <code>
///   &lt;root&gt;/globals/&lt;map&gt;                    node-wide maps (cilium_ipcache_v2, cilium_ct4_global, cilium_policy_maps, ...)
///   &lt;root&gt;/globals/cilium_policy_v2_&lt;epid&gt;  one policy map per endpoint (5-digit id, as Cilium names it)
///   &lt;root&gt;/programs/cil_from_container     the node's programs, attached to every endpoint
///   &lt;root&gt;/programs/cil_to_container
/// </code>
/// </summary>
public sealed class PinLayout(string root)
{
    public string Root { get; } = root;
    public string Globals => Path.Combine(Root, "globals");
    public string Programs => Path.Combine(Root, "programs");

    public string GlobalMap(string name) => Path.Combine(Globals, name);
    public string PolicyMap(ushort endpointId) => Path.Combine(Globals, Maps.PolicyMap.MapName(endpointId));
    public string Program(string program) => Path.Combine(Programs, program);
}
