namespace Cilium.Bpf.Maps;

/// <summary>
/// <c>cilium_ep_state</c>, an array indexed by endpoint id. The datapath records the endpoint's policy revision in
/// every connection it admits; when the revision here moves on, the next packet of each connection is checked
/// against the policy map again and the connection is dropped and forgotten if policy now denies it.
/// </summary>
public sealed class EndpointStateMap : IDisposable
{
    public const string Name = "cilium_ep_state";

    public EndpointStateMap(BpfMap<uint, EndpointState> map) => Map = map;

    public BpfMap<uint, EndpointState> Map { get; }

    public uint GetPolicyRevision(ushort endpointId) => Map.TryLookup(endpointId, out var s) ? s.PolicyRevision : 0;

    public void SetPolicyRevision(ushort endpointId, uint revision) =>
        Map.Update(endpointId, new EndpointState { PolicyRevision = revision });

    /// <summary>Moves the revision on by one after a policy change; returns the new revision.</summary>
    public uint BumpPolicyRevision(ushort endpointId)
    {
        var next = GetPolicyRevision(endpointId) + 1;
        SetPolicyRevision(endpointId, next);
        return next;
    }

    public void Dispose() => Map.Dispose();
}
