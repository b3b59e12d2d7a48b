using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Cilium.Testing;

/// <summary>The key-value buckets a nats-server holds, as any external tool sees them.</summary>
public static class KvBuckets
{
    /// <summary>The scratch buckets a service's start-up rehearsal made next to <paramref name="bucket"/> and did not delete.</summary>
    public static async Task<IReadOnlyList<string>> RehearsalLeftoversAsync(string natsUrl, string bucket)
    {
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = natsUrl });
        var kv = new NatsKVContext(new NatsJSContext(conn));
        var names = new List<string>();
        await foreach (var name in kv.GetBucketNamesAsync())
        {
            if (name.StartsWith(bucket + "-rehearsal-", StringComparison.Ordinal))
            {
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>Creates a scratch bucket as a rehearsal killed half-way leaves it: named after <paramref name="bucket"/>, one key written.</summary>
    public static async Task<string> PlantRehearsalLeftoverAsync(string natsUrl, string bucket)
    {
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = natsUrl });
        var kv = new NatsKVContext(new NatsJSContext(conn));
        var name = $"{bucket}-rehearsal-{Guid.NewGuid():N}";
        var store = await kv.CreateStoreAsync(new NatsKVConfig(name));
        await store.PutAsync("labels.0", System.Text.Encoding.ASCII.GetBytes("256"));
        return name;
    }

    /// <summary>How many messages (values and delete markers) the bucket holds; 0 when it does not exist.</summary>
    public static async Task<long> MessageCountAsync(string natsUrl, string bucket)
    {
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = natsUrl });
        var kv = new NatsKVContext(new NatsJSContext(conn));
        try
        {
            var store = await kv.GetStoreAsync(bucket);
            return (await store.GetStatusAsync()).Info.State.Messages;
        }
        catch (NatsKVException)
        {
            return 0;
        }
        catch (NatsJSApiException)
        {
            return 0;
        }
    }
}
