using Cilium.Policy.Models;
using Cilium.Policy.Resolution;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using NATS.Client.KeyValueStore;

namespace Cilium.Policy.Storage;

/// <summary>
/// Opens the policy bucket and follows every key in commit order. Policy keys are held back until the
/// <c>revision</c> key is clean again (see <see cref="PolicyCommitter"/>), then the whole batch goes into
/// <see cref="PolicyCache"/> and the <see cref="PolicyResolver"/>'s engine at once. Ready once the initial contents
/// are loaded and no batch is left pending.
/// </summary>
public sealed class PolicyCacheWatcher(
    PolicyStore store,
    PolicyCache cache,
    PolicyResolver resolver,
    PolicyCommitter committer,
    StartupRetry retry,
    Readiness readiness,
    ILogger<PolicyCacheWatcher> logger) : BackgroundService
{
    public const string Gate = "policy-cache";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kv = await retry.RunAsync(store.OpenAsync, stoppingToken);
        logger.LogInformation("Policy bucket {Bucket} open", store.Bucket);
        while (!stoppingToken.IsCancellationRequested)
        {
            var held = new Dictionary<string, PolicyRecord?>(StringComparer.Ordinal);
            var pending = false;
            try
            {
                var opts = new NatsKVWatchOpts
                {
                    OnNoData = _ =>
                    {
                        readiness.Open(Gate);
                        // Keep watching: true would end the enumeration and this loop would re-create the watch at once,
                        // spinning on NATS for as long as the bucket is empty.
                        return ValueTask.FromResult(false);
                    },
                };
                await foreach (var entry in kv.WatchAsync<byte[]>(opts: opts, cancellationToken: stoppingToken))
                {
                    pending = Observe(entry, held, pending);
                    if (entry.Delta == 0)
                    {
                        if (pending)
                        {
                            // A writer died mid-batch: finish it; its clean revision record then releases the batch here.
                            _ = Task.Run(() => committer.RecoverAsync(stoppingToken), stoppingToken);
                        }
                        else
                        {
                            readiness.Open(Gate);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Policy watch interrupted; resuming");
                await Task.Delay(200, stoppingToken);
            }
        }
    }

    /// <summary>Applies one bucket entry; returns whether a batch is pending afterwards.</summary>
    private bool Observe(NatsKVEntry<byte[]> entry, Dictionary<string, PolicyRecord?> held, bool pending)
    {
        var live = entry.Operation == NatsKVOperation.Put && entry.Value is { Length: > 0 };
        if (entry.Key == PolicyKeys.RevisionKey)
        {
            if (!live)
            {
                return pending;
            }
            var record = PolicyStore.DecodeRevision(entry.Value!);
            if (record.Pending is not null)
            {
                return true;
            }
            Release(held, record.Revision);
            readiness.Open(Gate);
            return false;
        }
        if (entry.Key.StartsWith(PolicyKeys.PolicyPrefix, StringComparison.Ordinal))
        {
            held[entry.Key] = live ? PolicyStore.DecodePolicy(entry.Value!) : null;
        }
        return pending;
    }

    private void Release(Dictionary<string, PolicyRecord?> held, long revision)
    {
        foreach (var (key, record) in held)
        {
            if (record is null)
            {
                resolver.RemovePolicy(PolicyKeys.Parse(key[PolicyKeys.PolicyPrefix.Length..]));
            }
            else
            {
                resolver.SetPolicy(record);
            }
        }
        cache.Apply(held, revision);
        held.Clear();
    }
}
