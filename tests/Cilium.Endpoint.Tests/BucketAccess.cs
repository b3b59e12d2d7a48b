using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Cilium.Endpoint.Tests;

/// <summary>Direct access to the registry bucket, to see what is stored and to plant what a crash would leave.</summary>
public static class BucketAccess
{
    /// <summary>Every live key of the bucket (none when it does not exist yet).</summary>
    public static async Task<IReadOnlyList<string>> KeysAsync(string natsUrl, string bucket)
    {
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = natsUrl });
        var kv = new NatsKVContext(new NatsJSContext(conn));
        var keys = new List<string>();
        try
        {
            var store = await kv.GetStoreAsync(bucket);
            await foreach (var key in store.GetKeysAsync())
            {
                keys.Add(key);
            }
        }
        catch (NatsKVException)
        {
        }
        catch (NatsJSApiException)
        {
        }
        return keys;
    }

    public static async Task PutAsync(string natsUrl, string bucket, string key, string json)
    {
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = natsUrl });
        var kv = new NatsKVContext(new NatsJSContext(conn));
        var store = await kv.GetStoreAsync(bucket);
        await store.PutAsync(key, System.Text.Encoding.UTF8.GetBytes(json));
    }
}
