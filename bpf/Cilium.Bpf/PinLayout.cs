namespace Cilium.Bpf;

/// <summary>
/// Where things are pinned under the bpffs root:
/// <code>
///   &lt;root&gt;/globals/&lt;map&gt;                         node-wide maps (cilium_ipcache_v2, cilium_ct4_global, ...)
///   &lt;root&gt;/globals/cilium_policy_v2_&lt;epid&gt;       one policy map per endpoint (5-digit id, as Cilium names it)
///   &lt;root&gt;/endpoints/&lt;epid&gt;/cil_from_container  the endpoint's programs
///   &lt;root&gt;/endpoints/&lt;epid&gt;/cil_to_container
/// </code>
/// </summary>
public sealed class PinLayout(string root)
{
    public string Root { get; } = root;
    public string Globals => Path.Combine(Root, "globals");
    public string Endpoints => Path.Combine(Root, "endpoints");

    public string GlobalMap(string name) => Path.Combine(Globals, name);
    public string PolicyMap(ushort endpointId) => Path.Combine(Globals, Maps.PolicyMap.MapName(endpointId));
    public string Endpoint(ushort endpointId) => Path.Combine(Endpoints, endpointId.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
    public string Program(ushort endpointId, string program) => Path.Combine(Endpoint(endpointId), program);
}
