using Cilium.Core.Errors;
using Cilium.Core.Labels;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Allocation;

/// <summary>
/// Allocates identities so that one label set always has one number and two sets never share one, with any
/// number of replicas writing the same bucket. Every step is a compare-and-swap on a bucket key (see
/// <see cref="IdentityStore"/> for the two kinds of keys); a lost race just means another iteration.
/// </summary>
public sealed class IdentityAllocator(IdentityStore store, IdentityCache cache, ILogger<IdentityAllocator> logger)
{
    private const int MaxAttempts = 64;

    public IdentityCache Cache => cache;

    /// <summary>The identity of <paramref name="labels"/> (already filtered) and whether this call created it.</summary>
    public async ValueTask<(IdentityModel Identity, bool Created)> AllocateAsync(LabelSet labels, CancellationToken cancellationToken)
    {
        if (ReservedIdentities.Match(labels) is { } reservedId)
        {
            cache.TryGet(reservedId, out var r);
            return (r.Identity, false);
        }
        var sha = labels.Sha256;
        if (cache.TryGetBySha(sha, out var cached))
        {
            return (cached.Identity, false);
        }

        var identityLabels = labels.ToStrings();
        var labelsKey = IdentityStore.LabelsKey(sha);
        HashSet<long>? taken = null;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            // A set missing from the cache is almost always new: try to reserve it straight away and only read the
            // reservation when that fails, which saves a round trip per new identity.
            var reservation = attempt == 0 ? null : await store.GetAsync(labelsKey, cancellationToken);
            if (reservation is null)
            {
                // Fresh label set: reserve a number for it, then commit the number. Nobody can release what we
                // just created, so the commit needs no further guard.
                var number = cache.PickFree(taken);
                var revision = await store.TryCreateAsync(labelsKey, IdentityStore.EncodeNumber(number), cancellationToken);
                if (revision is null)
                {
                    continue; // another replica reserved these labels first: complete theirs
                }
                var outcome = await CommitAsync(number, labels, identityLabels, sha, cancellationToken);
                if (outcome.Identity is not null)
                {
                    return (outcome.Identity, outcome.Created);
                }
                (taken ??= []).Add(number);
                await store.TryUpdateAsync(labelsKey, IdentityStore.EncodeNumber(cache.PickFree(taken)), revision.Value, cancellationToken);
                continue;
            }

            var reserved = IdentityStore.DecodeNumber(reservation.Value.Value!);
            // Touch the reservation before committing its number: a concurrent release of the same number read
            // the old revision, so its guarded delete of the reservation fails instead of orphaning our commit.
            var touched = await store.TryUpdateAsync(labelsKey, reservation.Value.Value!, reservation.Value.Revision, cancellationToken);
            if (touched is null)
            {
                continue;
            }
            var result = await CommitAsync(reserved, labels, identityLabels, sha, cancellationToken);
            if (result.Identity is not null)
            {
                return (result.Identity, result.Created);
            }
            // The reserved number belongs to another label set: move the reservation to a free number.
            (taken ??= []).Add(reserved);
            await store.TryUpdateAsync(labelsKey, IdentityStore.EncodeNumber(cache.PickFree(taken)), touched.Value, cancellationToken);
        }
        logger.LogWarning("Gave up allocating {Labels} after {Attempts} attempts", labels, MaxAttempts);
        throw new ConflictException($"could not allocate an identity for {labels} after {MaxAttempts} attempts; retry");
    }

    /// <summary>
    /// Creates <c>id.&lt;number&gt;</c> for the labels. Returns the identity when the number now belongs to these
    /// labels (created here or by a racing replica), or null when it belongs to other labels.
    /// </summary>
    private async ValueTask<(IdentityModel? Identity, bool Created)> CommitAsync(long number, LabelSet labelSet, IReadOnlyList<string> labels, string sha, CancellationToken cancellationToken)
    {
        var identity = new IdentityModel(number, labels, sha);
        var created = await store.TryCreateAsync(IdentityStore.IdKey(number), IdentityStore.Encode(identity), cancellationToken);
        if (created is not null)
        {
            cache.Upsert(identity, labelSet);
            // Debug, not Information: at thousands of allocations a second the log line costs more than the commit's
            // CPU share; the committed identity is in the bucket and on the events stream anyway.
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Allocated identity {Id} for {Labels}", number, string.Join(",", labels));
            }
            return (identity, true);
        }
        var existing = await store.GetAsync(IdentityStore.IdKey(number), cancellationToken);
        if (existing is null)
        {
            return (null, false);
        }
        var holder = IdentityStore.DecodeIdentity(existing.Value.Value!);
        cache.Upsert(holder);
        return string.Equals(holder.LabelsSha256, sha, StringComparison.Ordinal) ? (holder, false) : (null, false);
    }

    /// <summary>Releases a cluster identity: first the number, then its reservation, each guarded by revision.</summary>
    public async ValueTask<bool> ReleaseAsync(long id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var entry = await store.GetAsync(IdentityStore.IdKey(id), cancellationToken);
            if (entry is null)
            {
                cache.Remove(id);
                return false;
            }
            var identity = IdentityStore.DecodeIdentity(entry.Value.Value!);
            // Read the reservation before deleting the number, so a concurrent allocation that re-commits this
            // number (and touches the reservation) makes our delete of the reservation fail.
            var labelsKey = IdentityStore.LabelsKey(identity.LabelsSha256);
            var reservation = await store.GetAsync(labelsKey, cancellationToken);
            if (!await store.TryDeleteAsync(IdentityStore.IdKey(id), entry.Value.Revision, cancellationToken))
            {
                continue;
            }
            cache.Remove(id);
            if (reservation is { } r && IdentityStore.DecodeNumber(r.Value!) == id)
            {
                await store.TryDeleteAsync(labelsKey, r.Revision, cancellationToken);
            }
            logger.LogInformation("Released identity {Id}", id);
            return true;
        }
        throw new ConflictException($"identity {id} kept changing while being released; retry");
    }
}
