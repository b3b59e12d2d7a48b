using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace Cilium.ServiceDefaults.Nats;

/// <summary>
/// Runs a service's own write path once, before it reports ready, on a scratch bucket that is deleted afterwards.
/// ReadyToRun cannot precompile the generic code of that path (the async state machines of our stores and of the NATS
/// client, over our types): the first real write compiles it, 40-70 ms in the middle of a cluster's first pods. A
/// rehearsal on the service's real bucket would leave delete markers and events behind; on a scratch bucket it leaves
/// nothing once it is deleted. A scratch bucket left by a process killed mid-rehearsal is removed by the next start.
/// The rehearsal then reads its writes back the two ways the services follow a bucket, a watch (the cache watchers)
/// and a pulling consumer on the bucket's stream (the event publishers), whose first message otherwise compiles the
/// client's receive path while the cluster's first pods are created.
/// </summary>
public sealed class KvRehearsal(INatsKVContext kv, INatsJSContext js, Microsoft.Extensions.Options.IOptions<NatsOptions> options, TimeProvider time, ILogger<KvRehearsal> logger)
{
    private const string Infix = "-rehearsal-";

    /// <summary>
    /// Calls <paramref name="rehearse"/> with the name of a fresh scratch bucket next to <paramref name="bucket"/>
    /// (the callee creates it with the service's own store), then deletes that bucket.
    /// </summary>
    public async Task RunAsync(string bucket, Func<string, CancellationToken, Task> rehearse, CancellationToken cancellationToken)
    {
        await RemoveLeftoversAsync(bucket, cancellationToken);
        var scratch = $"{bucket}{Infix}{Guid.NewGuid():N}";
        try
        {
            await rehearse(scratch, cancellationToken);
            await ReadBackAsync(scratch, cancellationToken);
        }
        finally
        {
            // Bounded: a shutdown during start-up must not wait on a server that went away; the next start cleans up.
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await kv.DeleteStoreAsync(scratch, cleanup.Token);
            }
            catch (Exception e) when (e is NatsKVException or OperationCanceledException or NatsJSException)
            {
                logger.LogWarning("Could not delete the scratch bucket {Bucket}; the next start removes it: {Error}", scratch, e.Message);
            }
        }
    }

    private async Task ReadBackAsync(string scratch, CancellationToken cancellationToken)
    {
        var store = await kv.GetStoreAsync(scratch, cancellationToken);
        if ((await store.GetStatusAsync(cancellationToken)).Info.State.Messages == 0)
        {
            return;
        }
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(5));
        var watch = new NatsKVWatchOpts { OnNoData = _ => ValueTask.FromResult(true) };
        await foreach (var entry in store.WatchAsync<byte[]>(">", opts: watch, cancellationToken: bounded.Token))
        {
            if (entry.Delta == 0)
            {
                break;
            }
        }
        var consumer = await js.CreateOrUpdateConsumerAsync($"KV_{scratch}", new ConsumerConfig("rehearsal")
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            DeliverPolicy = ConsumerConfigDeliverPolicy.All,
            MaxAckPending = 1,
            AckWait = TimeSpan.FromSeconds(5),
        }, bounded.Token);
        await foreach (var msg in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 1, Expires = TimeSpan.FromSeconds(5) }, cancellationToken: bounded.Token))
        {
            _ = msg.Headers?.Count; // the publishers read the KV operation from the headers
            await msg.AckAsync(cancellationToken: bounded.Token);
            if (msg.Metadata?.NumPending is null or 0)
            {
                break;
            }
        }
    }

    private async Task RemoveLeftoversAsync(string bucket, CancellationToken cancellationToken)
    {
        var prefix = bucket + Infix;
        var leftovers = new List<string>();
        await foreach (var name in kv.GetBucketNamesAsync(cancellationToken))
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                leftovers.Add(name);
            }
        }
        foreach (var name in leftovers)
        {
            try
            {
                var store = await kv.GetStoreAsync(name, cancellationToken);
                var status = await store.GetStatusAsync(cancellationToken);
                if (time.GetUtcNow() - status.Info.Created >= options.Value.ScratchBucketLeftoverAge)
                {
                    await kv.DeleteStoreAsync(name, cancellationToken);
                    logger.LogInformation("Removed scratch bucket {Bucket} left by an interrupted rehearsal", name);
                }
            }
            catch (Exception e) when (e is NatsKVException or NatsJSException)
            {
                // Another replica starting at the same moment removed it first.
                logger.LogDebug("Scratch bucket {Bucket} already gone: {Error}", name, e.Message);
            }
        }
    }
}
