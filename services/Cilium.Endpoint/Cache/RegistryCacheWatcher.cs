using Cilium.Endpoint.Storage;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Cilium.Endpoint.Cache;

/// <summary>
/// Opens the registry bucket and keeps <see cref="RegistryCache"/> equal to it. The replica is ready once the
/// initial contents are loaded. <see cref="CatchUpAsync"/> lets a list wait for writes other replicas committed
/// before it was asked, so a list never misses an acknowledged write.
/// </summary>
public sealed class RegistryCacheWatcher(
    RegistryStore store,
    RegistryCache cache,
    INatsJSContext js,
    StartupRetry retry,
    Readiness readiness,
    ILogger<RegistryCacheWatcher> logger) : BackgroundService
{
    public const string Gate = "endpoint-cache";
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Waits until every change committed to the bucket so far is in the cache (bounded).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var stream = await js.GetStreamAsync(store.StreamName, cancellationToken: cancellationToken);
        var last = stream.Info.State.LastSeq;
        var deadline = DateTime.UtcNow + CatchUpLimit;
        while (cache.AppliedRevision < last && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var kv = await retry.RunAsync(store.OpenAsync, stoppingToken);
        logger.LogInformation("Registry bucket {Bucket} open", store.Bucket);
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
                // One key filter (">"): nats-server 2.9 ignores the plural filter of a multi-key watch.
                await foreach (var entry in kv.WatchAsync<byte[]>(">", opts: opts, cancellationToken: stoppingToken))
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
                logger.LogWarning(e, "Registry watch interrupted; resuming");
                await Task.Delay(200, stoppingToken);
            }
        }
    }

    private void Apply(NatsKVEntry<byte[]> entry)
    {
        var put = entry.Operation == NatsKVOperation.Put && entry.Value is { Length: > 0 };
        if (entry.Key.StartsWith(RegistryKeys.EndpointPrefix, StringComparison.Ordinal))
        {
            if (put)
            {
                cache.Upsert(RegistryStore.DecodeEndpoint(entry.Value!, entry.Revision));
            }
            else
            {
                var (ns, name) = RegistryKeys.ParseEndpoint(entry.Key[RegistryKeys.EndpointPrefix.Length..]);
                cache.RemoveEndpoint(ns, name);
            }
        }
        else if (entry.Key.StartsWith(RegistryKeys.NodePrefix, StringComparison.Ordinal))
        {
            if (put)
            {
                cache.Upsert(RegistryStore.DecodeNode(entry.Value!, entry.Revision));
            }
            else
            {
                cache.RemoveNode(RegistryKeys.Decode(entry.Key[RegistryKeys.NodePrefix.Length..]));
            }
        }
        cache.Applied(entry.Revision);
    }
}
