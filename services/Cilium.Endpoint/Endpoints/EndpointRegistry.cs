using Cilium.Contracts.Endpoints;
using Cilium.Core.Errors;
using Cilium.Endpoint.Storage;

namespace Cilium.Endpoint.Endpoints;

/// <summary>
/// Stores endpoints so that an IP belongs to one endpoint at most, with any number of replicas writing one
/// bucket. An IP is claimed (<c>ip.&lt;ip&gt;</c>, compare-and-swap) before the record that names it is written,
/// and released after the record stops naming it; <see cref="ClaimJudge"/> explains why a crash in between
/// cannot leave an IP claimed forever by nobody, nor let two records name one IP.
/// </summary>
public sealed class EndpointRegistry(RegistryStore store, ClaimJudge judge, ILogger<EndpointRegistry> logger)
{
    private const int MaxAttempts = 64;

    public async ValueTask<CiliumEndpoint?> GetAsync(string k8sNamespace, string name, CancellationToken cancellationToken)
    {
        var entry = await store.GetLatestAsync(RegistryKeys.Endpoint(k8sNamespace, name), cancellationToken);
        return entry.Value is { } value ? RegistryStore.DecodeEndpoint(value, entry.Revision) : null;
    }

    /// <summary>Creates or replaces <paramref name="endpoint"/> (already validated); a conflict reply when another endpoint holds one of its IPs.</summary>
    public async ValueTask<object> PutAsync(CiliumEndpoint endpoint, CancellationToken cancellationToken)
    {
        var key = RegistryKeys.Endpoint(endpoint.Namespace, endpoint.Name);
        var holder = EndpointIps.Holder(endpoint);
        var value = RegistryStore.Encode(endpoint);
        var writer = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetLatestAsync(key, cancellationToken);
            var old = current.Value is { } v ? RegistryStore.DecodeEndpoint(v, current.Revision) : null;
            var claimed = new List<(string Ip, ulong ClaimRevision)>();
            var retry = false;
            foreach (var (field, ip) in EndpointIps.Of(endpoint))
            {
                var outcome = await ClaimAsync(ip, holder, writer, current.Revision, cancellationToken);
                if (outcome.OtherHolder is { } other)
                {
                    await RollBackAsync(claimed, old, cancellationToken);
                    logger.LogInformation("Endpoint {Holder} refused: {Ip} is held by {Other}", holder, ip, other);
                    return new EndpointIpConflict(field, ip, other);
                }
                if (outcome.ClaimRevision is not { } claimRevision)
                {
                    retry = true;
                    break;
                }
                claimed.Add((ip, claimRevision));
            }
            if (retry)
            {
                continue;
            }

            var revision = await store.TryWriteAsync(key, value, current.Revision, cancellationToken);
            if (revision is null)
            {
                continue; // another writer of this endpoint came first: claim again against its record
            }
            if (old is not null)
            {
                foreach (var (_, ip) in EndpointIps.Of(old).Where(o => !EndpointIps.Names(endpoint, o.Ip)))
                {
                    await ReleaseAsync(ip, holder, revision.Value, cancellationToken);
                }
            }
            logger.LogInformation("Stored endpoint {Holder} on node {Node} at revision {Revision}", holder, endpoint.Node, revision);
            return new EndpointStored(endpoint with { Revision = revision }, old is null);
        }
        throw new ConflictException($"endpoint {holder} kept changing while being stored; retry");
    }

    /// <summary>Deletes an endpoint, only at <paramref name="expected"/> when given, then releases its IPs.</summary>
    public async ValueTask<object> DeleteAsync(string k8sNamespace, string name, ulong? expected, CancellationToken cancellationToken)
    {
        var key = RegistryKeys.Endpoint(k8sNamespace, name);
        var holder = EndpointIps.Holder(k8sNamespace, name);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await store.GetLatestAsync(key, cancellationToken);
            if (current.Value is not { } value)
            {
                return new EndpointNotFound(k8sNamespace, name);
            }
            if (expected is { } e && e != current.Revision)
            {
                return new EndpointRevisionMismatch(k8sNamespace, name, e, current.Revision);
            }
            var deleted = await store.TryDeleteAsync(key, current.Revision, cancellationToken);
            if (deleted is null)
            {
                continue;
            }
            foreach (var (_, ip) in EndpointIps.Of(RegistryStore.DecodeEndpoint(value, current.Revision)))
            {
                await ReleaseAsync(ip, holder, deleted.Value, cancellationToken);
            }
            logger.LogInformation("Deleted endpoint {Holder} at revision {Revision}", holder, deleted);
            return new EndpointDeleted(k8sNamespace, name, deleted.Value);
        }
        throw new ConflictException($"endpoint {holder} kept changing while being deleted; retry");
    }

    /// <summary>
    /// Claims <paramref name="ip"/> for <paramref name="holder"/>, whose record is at <paramref name="basedOn"/>:
    /// the claim's revision, or the other holder, or neither when the caller must start over.
    /// </summary>
    private async ValueTask<(ulong? ClaimRevision, string? OtherHolder)> ClaimAsync(string ip, string holder, string writer, ulong basedOn, CancellationToken cancellationToken)
    {
        var ipKey = RegistryKeys.Ip(ip);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entry = await store.GetLatestAsync(ipKey, cancellationToken);
            var mine = RegistryStore.Encode(new IpClaim(holder, basedOn, writer, judge.Now));
            if (entry.Value is not { } value)
            {
                if (await store.TryWriteAsync(ipKey, mine, entry.Revision, cancellationToken) is { } created)
                {
                    return (created, null);
                }
                continue;
            }
            var claim = RegistryStore.DecodeIpClaim(value);
            if (claim.Holder == holder)
            {
                if (claim.BasedOn == basedOn && claim.Writer == writer)
                {
                    return (entry.Revision, null); // written by an earlier attempt of this very call
                }
                // Re-base the endpoint's claim on the record we read and make it ours: a concurrent release by an
                // older writer of this endpoint, or a roll-back by another current one, compares-and-swaps on the
                // claim and so cannot remove it from under our record.
                if (await store.TryWriteAsync(ipKey, mine, entry.Revision, cancellationToken) is { } rebased)
                {
                    return (rebased, null);
                }
                continue;
            }

            var slash = claim.Holder.IndexOf('/', StringComparison.Ordinal);
            var holderKey = RegistryKeys.Endpoint(claim.Holder[..slash], claim.Holder[(slash + 1)..]);
            var holderEntry = await store.GetLatestAsync(holderKey, cancellationToken);
            var holderRecord = holderEntry.Value is { } hv ? RegistryStore.DecodeEndpoint(hv, holderEntry.Revision) : null;
            switch (judge.Judge(EndpointIps.Names(holderRecord, ip), holderEntry.Revision, claim.BasedOn, claim.At))
            {
                case ClaimStatus.Held:
                case ClaimStatus.InFlight:
                    return (null, claim.Holder);
                case ClaimStatus.Stale:
                    if (await store.TryWriteAsync(ipKey, mine, entry.Revision, cancellationToken) is { } taken)
                    {
                        logger.LogInformation("Took over stale claim of {Ip} from {Previous} for {Holder}", ip, claim.Holder, holder);
                        return (taken, null);
                    }
                    continue;
                case ClaimStatus.Abandoned:
                    logger.LogWarning("Fencing {Previous}: its claim of {Ip} was never committed", claim.Holder, ip);
                    await FenceAsync(holderKey, holderEntry, cancellationToken);
                    continue;
            }
        }
        return (null, null);
    }

    /// <summary>Rewrites the holder's record (or its absence) at its revision, so its in-flight writer loses its compare-and-swap.</summary>
    private async ValueTask FenceAsync(string holderKey, StoredEntry holderEntry, CancellationToken cancellationToken)
    {
        _ = holderEntry.Value is { } value
            ? await store.TryWriteAsync(holderKey, value, holderEntry.Revision, cancellationToken)
            : await store.TryDeleteAsync(holderKey, holderEntry.Revision, cancellationToken);
    }

    /// <summary>Removes <paramref name="holder"/>'s claim of <paramref name="ip"/> if it predates the record at <paramref name="recordRevision"/>, which does not name the IP.</summary>
    private async ValueTask ReleaseAsync(string ip, string holder, ulong recordRevision, CancellationToken cancellationToken)
    {
        var ipKey = RegistryKeys.Ip(ip);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entry = await store.GetLatestAsync(ipKey, cancellationToken);
            if (entry.Value is not { } value)
            {
                return;
            }
            var claim = RegistryStore.DecodeIpClaim(value);
            // A claim based on our record revision or later belongs to a newer writer of this endpoint: keep it.
            if (claim.Holder != holder || claim.BasedOn >= recordRevision)
            {
                return;
            }
            if (await store.TryDeleteAsync(ipKey, entry.Revision, cancellationToken) is not null)
            {
                return;
            }
        }
    }

    /// <summary>After a refused put, removes the claims it made that the endpoint's record does not name.</summary>
    private async ValueTask RollBackAsync(List<(string Ip, ulong ClaimRevision)> claimed, CiliumEndpoint? record, CancellationToken cancellationToken)
    {
        foreach (var (ip, claimRevision) in claimed.Where(c => !EndpointIps.Names(record, c.Ip)))
        {
            await store.TryDeleteAsync(RegistryKeys.Ip(ip), claimRevision, cancellationToken);
        }
    }
}
