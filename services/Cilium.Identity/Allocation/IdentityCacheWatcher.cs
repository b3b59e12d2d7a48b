using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using NATS.Client.KeyValueStore;

namespace Cilium.Identity.Allocation;

/// <summary>
/// Opens the identity bucket and keeps <see cref="IdentityCache"/> equal to its committed identities. The
/// replica is ready once the initial contents are loaded, so it never answers from an empty view.
/// </summary>
public sealed class IdentityCacheWatcher(
    IdentityStore store,
    IdentityCache cache,
    StartupRetry retry,
    Readiness readiness,
    ILogger<IdentityCacheWatcher> logger) : BackgroundService
{
    public const string Gate = "identity-cache";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kv = await retry.RunAsync(store.OpenAsync, stoppingToken);
        logger.LogInformation("Identity bucket {Bucket} open, range {Range}", store.Bucket, cache.Range);
        while (!stoppingToken.IsCancellationRequested)
        {
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
                await foreach (var entry in kv.WatchAsync<byte[]>(IdentityStore.IdPrefix + ">", opts: opts, cancellationToken: stoppingToken))
                {
                    Apply(entry);
                    if (entry.Delta == 0)
                    {
                        readiness.Open(Gate);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Identity watch interrupted; resuming");
                await Task.Delay(200, stoppingToken);
            }
        }
    }

    private void Apply(NatsKVEntry<byte[]> entry)
    {
        if (!entry.Key.StartsWith(IdentityStore.IdPrefix, StringComparison.Ordinal))
        {
            return;
        }
        if (entry.Operation == NatsKVOperation.Put && entry.Value is { Length: > 0 })
        {
            var identity = IdentityStore.DecodeIdentity(entry.Value);
            if (!cache.Holds(identity.Id, identity.LabelsSha256))
            {
                cache.Upsert(identity);
            }
        }
        else if (long.TryParse(entry.Key.AsSpan(IdentityStore.IdPrefix.Length), out var id))
        {
            cache.Remove(id);
        }
    }
}
