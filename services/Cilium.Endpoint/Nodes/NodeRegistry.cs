using Cilium.Contracts.Nodes;
using Cilium.Core.Errors;
using Cilium.Endpoint.Storage;

namespace Cilium.Endpoint.Nodes;

/// <summary>
/// Stores nodes so that no two nodes' pod CIDRs overlap, with any number of replicas writing one bucket. Overlap is
/// not equality, so the claims of every node live in one key (<c>podcidrs</c>) and one compare-and-swap covers the
/// whole check. The claim, record, release order and the staleness rules are those of <see cref="ClaimJudge"/>.
/// </summary>
public sealed class NodeRegistry(RegistryStore store, ClaimJudge judge, ILogger<NodeRegistry> logger)
{
    private const int MaxAttempts = 64;

    public async ValueTask<CiliumNode?> GetAsync(string name, CancellationToken cancellationToken)
    {
        var entry = await store.GetLatestAsync(RegistryKeys.Node(name), cancellationToken);
        return entry.Value is { } value ? RegistryStore.DecodeNode(value, entry.Revision) : null;
    }

    /// <summary>Creates or replaces <paramref name="node"/> (already validated); a conflict reply when a pod CIDR overlaps another node's.</summary>
    public async ValueTask<object> PutAsync(CiliumNode node, CancellationToken cancellationToken)
    {
        var key = RegistryKeys.Node(node.Name);
        var value = RegistryStore.Encode(node);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetLatestAsync(key, cancellationToken);
            var index = await store.GetLatestAsync(RegistryKeys.PodCidrIndex, cancellationToken);
            var claims = RegistryStore.DecodePodCidrIndex(index.Value).Claims.ToList();

            var verdict = await CheckOverlapsAsync(node, claims, cancellationToken);
            if (verdict.Conflict is { } conflict)
            {
                logger.LogInformation("Node {Node} refused: {Cidr} overlaps {Other} of node {OtherNode}", node.Name, conflict.PodCidr, conflict.OtherPodCidr, conflict.OtherNode);
                return conflict;
            }
            if (verdict.Fenced)
            {
                continue;
            }

            // Every claim of this node is re-based on the record we read (so an older writer's release cannot drop
            // it), and the new CIDRs are added; claims the new record will not name are released after the write.
            var now = judge.Now;
            var next = claims.Select(c => c.Node == node.Name ? c with { BasedOn = current.Revision, At = now } : c).ToList();
            next.AddRange(node.PodCidrs.Where(cidr => !next.Any(c => c.Node == node.Name && c.Cidr == cidr))
                .Select(cidr => new PodCidrClaim(cidr, node.Name, current.Revision, now)));
            if (await store.TryWriteAsync(RegistryKeys.PodCidrIndex, RegistryStore.Encode(new PodCidrIndex(next)), index.Revision, cancellationToken) is null)
            {
                continue;
            }
            var revision = await store.TryWriteAsync(key, value, current.Revision, cancellationToken);
            if (revision is null)
            {
                continue;
            }
            await ReleaseAsync(node.Name, node.PodCidrs, revision.Value, cancellationToken);
            logger.LogInformation("Stored node {Node} with pod CIDRs {Cidrs} at revision {Revision}", node.Name, string.Join(",", node.PodCidrs), revision);
            return new NodeStored(node with { Revision = revision }, current.Value is null);
        }
        throw new ConflictException($"node {node.Name} kept changing while being stored; retry");
    }

    /// <summary>Deletes a node, only at <paramref name="expected"/> when given, then releases its pod CIDRs.</summary>
    public async ValueTask<object> DeleteAsync(string name, ulong? expected, CancellationToken cancellationToken)
    {
        var key = RegistryKeys.Node(name);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetLatestAsync(key, cancellationToken);
            if (!current.Exists)
            {
                return new NodeNotFound(name);
            }
            if (expected is { } e && e != current.Revision)
            {
                return new NodeRevisionMismatch(name, e, current.Revision);
            }
            var deleted = await store.TryDeleteAsync(key, current.Revision, cancellationToken);
            if (deleted is null)
            {
                continue;
            }
            await ReleaseAsync(name, [], deleted.Value, cancellationToken);
            logger.LogInformation("Deleted node {Node} at revision {Revision}", name, deleted);
            return new NodeDeleted(name, deleted.Value);
        }
        throw new ConflictException($"node {name} kept changing while being deleted; retry");
    }

    /// <summary>
    /// Checks each CIDR of <paramref name="node"/> against other nodes' claims; drops stale claims from
    /// <paramref name="claims"/>, fences abandoned ones (then the caller starts over).
    /// </summary>
    private async ValueTask<(NodePodCidrConflict? Conflict, bool Fenced)> CheckOverlapsAsync(CiliumNode node, List<PodCidrClaim> claims, CancellationToken cancellationToken)
    {
        var holders = new Dictionary<string, StoredEntry>(StringComparer.Ordinal);
        for (var i = 0; i < node.PodCidrs.Count; i++)
        {
            var cidr = node.PodCidrs[i];
            foreach (var claim in claims.Where(c => c.Node != node.Name && PodCidrs.Overlap(c.Cidr, cidr)).ToArray())
            {
                if (!holders.TryGetValue(claim.Node, out var holder))
                {
                    holder = holders[claim.Node] = await store.GetLatestAsync(RegistryKeys.Node(claim.Node), cancellationToken);
                }
                var names = holder.Value is { } hv && RegistryStore.DecodeNode(hv, holder.Revision).PodCidrs.Contains(claim.Cidr);
                switch (judge.Judge(names, holder.Revision, claim.BasedOn, claim.At))
                {
                    case ClaimStatus.Held:
                    case ClaimStatus.InFlight:
                        return (new NodePodCidrConflict($"podCIDRs[{i}]", cidr, claim.Node, claim.Cidr), false);
                    case ClaimStatus.Stale:
                        claims.Remove(claim);
                        break;
                    case ClaimStatus.Abandoned:
                        logger.LogWarning("Fencing node {Node}: its claim of {Cidr} was never committed", claim.Node, claim.Cidr);
                        var holderKey = RegistryKeys.Node(claim.Node);
                        _ = holder.Value is { } value
                            ? await store.TryWriteAsync(holderKey, value, holder.Revision, cancellationToken)
                            : await store.TryDeleteAsync(holderKey, holder.Revision, cancellationToken);
                        return (null, true);
                }
            }
        }
        return (null, false);
    }

    /// <summary>Removes <paramref name="name"/>'s claims that predate its record at <paramref name="recordRevision"/> and that the record does not name.</summary>
    private async ValueTask ReleaseAsync(string name, IReadOnlyList<string> keep, ulong recordRevision, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var index = await store.GetLatestAsync(RegistryKeys.PodCidrIndex, cancellationToken);
            var claims = RegistryStore.DecodePodCidrIndex(index.Value).Claims;
            var next = claims.Where(c => c.Node != name || c.BasedOn >= recordRevision || keep.Contains(c.Cidr)).ToList();
            if (next.Count == claims.Count)
            {
                return;
            }
            if (await store.TryWriteAsync(RegistryKeys.PodCidrIndex, RegistryStore.Encode(new PodCidrIndex(next)), index.Revision, cancellationToken) is not null)
            {
                return;
            }
        }
        logger.LogWarning("Could not release old pod CIDR claims of node {Node}; they stay until judged stale", name);
    }
}
