using Cilium.Core.Policy.Rules;
using Cilium.Policy.Models;

namespace Cilium.Policy.Storage;

/// <summary>
/// This replica's view of the committed policies, fed by <see cref="PolicyCacheWatcher"/> one whole batch at a time,
/// so a list never shows half of an apply. Writers wait on <see cref="WaitForRevisionAsync"/> before answering, so a
/// read on the same replica after a write sees it.
/// </summary>
public sealed class PolicyCache
{
    private volatile PolicySnapshot _snapshot = PolicySnapshot.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _signal = new();

    public PolicySnapshot Snapshot => _snapshot;

    public long Revision => _snapshot.Revision;

    public void Apply(IReadOnlyDictionary<string, PolicyRecord?> changes, long revision)
    {
        var policies = _snapshot.Policies.ToBuilder();
        foreach (var (key, record) in changes)
        {
            if (record is null)
            {
                policies.Remove(key);
            }
            else
            {
                policies[key] = record;
            }
        }
        _snapshot = new PolicySnapshot(Math.Max(revision, _snapshot.Revision), policies.ToImmutable());
        TaskCompletionSource changed;
        lock (_signal)
        {
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
    }

    public bool TryGet(PolicyResourceId id, out PolicyRecord record) => _snapshot.Policies.TryGetValue(PolicyKeys.For(id), out record!);

    /// <summary>Policies of one kind (or all kinds), in one namespace (or all); in key order.</summary>
    public PolicyList List(PolicyKind? kind, string? ns)
    {
        var snapshot = _snapshot;
        var prefix = kind is null ? PolicyKeys.PolicyPrefix : $"{PolicyKeys.PolicyPrefix}{kind}.{(ns is null ? "" : ns + ".")}";
        var items = snapshot.Policies
            .Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(p => p.Value)
            .ToArray();
        return new PolicyList(snapshot.Revision, items);
    }

    /// <summary>Completes once this view holds <paramref name="revision"/>; false when <paramref name="timeout"/> ran out first.</summary>
    public async Task<bool> WaitForRevisionAsync(long revision, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (_snapshot.Revision < revision)
        {
            Task changed;
            lock (_signal)
            {
                changed = _changed.Task;
            }
            if (_snapshot.Revision >= revision)
            {
                break;
            }
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
        return true;
    }
}
