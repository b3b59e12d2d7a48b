namespace Cilium.Core.Policy.Engine;

/// <summary>
/// What one engine call changed: per endpoint the diff to apply to its policy map, and the CIDR identities that
/// appeared or went away (for the ipcache). Apply the added CIDR identities before the map diffs and remove the
/// removed ones after, so a packet never meets a map entry whose prefix the ipcache does not know yet.
/// </summary>
public sealed record PolicyUpdate(
    IReadOnlyList<EndpointPolicyDiff> Endpoints,
    IReadOnlyList<CidrIdentity> CidrIdentitiesAdded,
    IReadOnlyList<CidrIdentity> CidrIdentitiesRemoved)
{
    public static PolicyUpdate Empty { get; } = new([], [], []);

    public bool IsEmpty => Endpoints.Count == 0 && CidrIdentitiesAdded.Count == 0 && CidrIdentitiesRemoved.Count == 0;

    public EndpointPolicyDiff? For(ushort endpointId) => Endpoints.FirstOrDefault(e => e.EndpointId == endpointId);
}
