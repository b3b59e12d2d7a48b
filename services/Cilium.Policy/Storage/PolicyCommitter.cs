using System.Globalization;
using Cilium.Policy.Commands;
using Cilium.Policy.Models;

namespace Cilium.Policy.Storage;

/// <summary>
/// Writes a set of policy changes as one all-or-nothing step over several bucket keys, with any number of replicas:
/// <list type="number">
/// <item>read <c>revision</c> (R, clean) and every target key with its bucket revision, check <c>If-Match</c>;</item>
/// <item>compare-and-swap <c>revision</c> to "R, pending batch R+1 = these writes": the commit point. A writer that
/// loses this race wrote nothing and starts over;</item>
/// <item>apply each write as a compare-and-swap against the bucket revision read in step 1;</item>
/// <item>compare-and-swap <c>revision</c> to "R+1, nothing pending".</item>
/// </list>
/// A crash after step 2 leaves the batch recorded: the next writer, or any replica at start, finishes it (step 3 is
/// idempotent because each write is guarded by its expected revision, and nothing else writes policy keys while a
/// batch is pending). A failure before step 2 leaves nothing. Readers (<see cref="PolicyCacheWatcher"/>) only show
/// policy keys once <c>revision</c> is clean again, so a half-applied batch is never visible.
/// </summary>
public sealed class PolicyCommitter(PolicyStore store, ILogger<PolicyCommitter> logger)
{
    private const int MaxAttempts = 64;

    // A batch rides in one message of the bucket's stream; nats-server's default max_payload is 1 MiB.
    private const int MaxBatchBytes = 1000 * 1024;

    // Writers of one replica queue here instead of racing each other on the revision key.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<CommitOutcome> CommitAsync(IReadOnlyList<PolicyChange> changes, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var (current, currentRevision) = await ReadRevisionAsync(cancellationToken);
                if (current.Pending is { } pending)
                {
                    await FinishAsync(current, currentRevision, cancellationToken);
                    continue;
                }
                var next = current.Revision + 1;
                var writes = new List<PolicyWrite>();
                var results = new List<AppliedPolicy>();
                // Independent keys: read them in one pipelined round instead of one round trip each.
                var entries = await Task.WhenAll(changes.Select(c => store.GetAsync(PolicyKeys.For(c.Id), cancellationToken).AsTask()));
                for (var i = 0; i < changes.Count; i++)
                {
                    var change = changes[i];
                    var key = PolicyKeys.For(change.Id);
                    var entry = entries[i];
                    var stored = entry is { } e ? PolicyStore.DecodePolicy(e.Value!) : null;
                    if (change.IfMatch is { } expected && stored?.Revision != expected)
                    {
                        return Rejected(412, "Precondition failed",
                            $"{change.Id} is at revision {(stored is null ? "none (absent)" : stored.Revision.ToString(CultureInfo.InvariantCulture))}, not {expected} (If-Match)");
                    }
                    var outcome = Plan(change, stored, next, entry?.Revision ?? 0, key, writes);
                    results.Add(new AppliedPolicy(change.Index, change.Id.Kind.ToString(), change.Id.Namespace, change.Id.Name, outcome));
                }
                if (writes.Count == 0)
                {
                    return new CommitOutcome(new PoliciesApplied(current.Revision, results), null);
                }
                var batch = new RevisionRecord(current.Revision, new PolicyBatch(next, writes));
                var encoded = PolicyStore.Encode(batch);
                if (encoded.Length > MaxBatchBytes)
                {
                    return Rejected(413, "Request body too large", $"body: the policies of one request take {encoded.Length} bytes stored; the limit is {MaxBatchBytes}; apply them in several requests");
                }
                var committed = currentRevision == 0
                    ? await store.TryCreateAsync(PolicyKeys.RevisionKey, encoded, cancellationToken)
                    : await store.TryUpdateAsync(PolicyKeys.RevisionKey, encoded, currentRevision, cancellationToken);
                if (committed is null)
                {
                    continue; // another replica committed first: plan again against its result
                }
                await FinishAsync(batch, committed.Value, cancellationToken);
                logger.LogInformation("Committed policy revision {Revision}: {Changes}", next, string.Join(", ", results.Select(r => $"{r.Kind}/{r.Namespace}/{r.Name} {r.Result}")));
                return new CommitOutcome(new PoliciesApplied(next, results), null);
            }
            logger.LogWarning("Gave up committing {Count} policy change(s) after {Attempts} attempts", changes.Count, MaxAttempts);
            return Rejected(409, "Conflict", $"the policy revision kept moving during {MaxAttempts} attempts; retry");
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Finishes a batch left pending by a writer that crashed; run at start and before every write.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var (current, revision) = await ReadRevisionAsync(cancellationToken);
            if (current.Pending is not null)
            {
                logger.LogWarning("Finishing policy revision {Revision} left pending by an interrupted writer", current.Pending.Revision);
                await FinishAsync(current, revision, cancellationToken);
            }
        }
        finally
        {
            _writer.Release();
        }
    }

    private static string Plan(PolicyChange change, PolicyRecord? stored, long next, ulong expected, string key, List<PolicyWrite> writes)
    {
        if (change.Manifest is not { } manifest)
        {
            if (stored is null)
            {
                return ApplyOutcomes.NotFound;
            }
            writes.Add(new PolicyWrite(key, expected, null));
            return ApplyOutcomes.Deleted;
        }
        // Manifests are normalised the same way on every write, so equal text means an equal policy.
        if (stored is not null && string.Equals(stored.Manifest.GetRawText(), manifest.GetRawText(), StringComparison.Ordinal))
        {
            return ApplyOutcomes.Unchanged;
        }
        writes.Add(new PolicyWrite(key, expected, new PolicyRecord(change.Id.Kind.ToString(), change.Id.Namespace, change.Id.Name, next, manifest)));
        return stored is null ? ApplyOutcomes.Created : ApplyOutcomes.Configured;
    }

    private async Task FinishAsync(RevisionRecord pendingRecord, ulong revisionKeyRevision, CancellationToken cancellationToken)
    {
        var batch = pendingRecord.Pending!;
        // The writes touch distinct keys and each is guarded on its own, so they go out together; a failed
        // compare-and-swap means the write is already in (another replica finished the batch first).
        await Task.WhenAll(batch.Writes.Select(async write =>
        {
            if (write.Value is { } value)
            {
                await store.TryWriteAsync(write.Key, PolicyStore.Encode(value), write.Expected, cancellationToken);
            }
            else
            {
                await store.TryDeleteAsync(write.Key, write.Expected, cancellationToken);
            }
        }));
        await store.TryUpdateAsync(PolicyKeys.RevisionKey, PolicyStore.Encode(new RevisionRecord(batch.Revision, null)), revisionKeyRevision, cancellationToken);
    }

    private async Task<(RevisionRecord Record, ulong KeyRevision)> ReadRevisionAsync(CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(PolicyKeys.RevisionKey, cancellationToken);
        return entry is { } e ? (PolicyStore.DecodeRevision(e.Value!), e.Revision) : (new RevisionRecord(0, null), 0);
    }

    private static CommitOutcome Rejected(int status, string title, string detail) => new(null, new PoliciesRejected(status, title, detail));
}
