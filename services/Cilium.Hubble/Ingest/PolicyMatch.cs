namespace Cilium.Hubble.Ingest;

/// <summary>Which kind of policy entry decided a policy verdict (Cilium <c>PolicyMatch*</c>; the wire <c>policy_match_type</c>).</summary>
public enum PolicyMatch : byte
{
    None = 0,
    L3Only = 1,
    L3L4 = 2,
    L4Only = 3,
    All = 4,
    L3Proto = 5,
    ProtoOnly = 6,
}
