namespace Cilium.Bpf.Maps;

/// <summary>
/// <c>cilium_ep_state</c>, keyed by the ifindex of an endpoint's host-side veth: the one loaded program learns from it
/// which endpoint a packet belongs to (id, identity) and the endpoint's policy revision. The datapath records the
/// revision in every connection it admits; when it moves on, the next packet of each connection is checked against
/// the policy map again and the connection is dropped and forgotten if policy now denies it.
/// </summary>
public sealed class EndpointStateMap : IDisposable
{
    public const string Name = "cilium_ep_state";

    public EndpointStateMap(BpfMap<uint, EndpointState> map) => Map = map;

    public BpfMap<uint, EndpointState> Map { get; }

    public EndpointState? Get(int ifindex) => Map.TryLookup((uint)ifindex, out var s) ? s : null;

    /// <summary>Registers (or updates) the endpoint on <paramref name="ifindex"/>, keeping its policy revision.</summary>
    public void Register(int ifindex, ushort endpointId, uint identity)
    {
        var revision = Get(ifindex) is { } existing && existing.LxcId == endpointId ? existing.PolicyRevision : 0;
        Map.Update((uint)ifindex, new EndpointState { LxcId = endpointId, SecIdentity = identity, PolicyRevision = revision });
    }

    public bool Unregister(int ifindex) => Map.Delete((uint)ifindex);

    /// <summary>Moves the revision of the endpoint on <paramref name="ifindex"/> on by one; returns it (0: not registered).</summary>
    public uint BumpPolicyRevision(int ifindex)
    {
        if (Get(ifindex) is not { } state)
        {
            return 0;
        }
        state.PolicyRevision++;
        Map.Update((uint)ifindex, state, MapUpdate.Exist);
        return state.PolicyRevision;
    }

    /// <summary>The interfaces an endpoint is registered on (normally one).</summary>
    public IReadOnlyList<int> InterfacesOf(ushort endpointId) =>
        Map.Iterate().Where(e => e.Value.LxcId == endpointId).Select(e => (int)e.Key).ToList();

    public void Dispose() => Map.Dispose();
}
