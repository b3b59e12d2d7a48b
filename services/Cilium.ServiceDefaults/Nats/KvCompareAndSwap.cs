using NATS.Client.KeyValueStore;

namespace Cilium.ServiceDefaults.Nats;

/// <summary>
/// The compare-and-swap primitives every store of the control plane is built on, over a NATS KV bucket of raw bytes.
/// A write that lost the race answers null/false, never throws: the caller re-reads and decides again. Any other
/// error (NATS down, bucket gone) is thrown, so a lost race cannot be mistaken for an outage or the reverse.
/// </summary>
public static class KvCompareAndSwap
{
    /// <summary>The live entry of <paramref name="key"/>, or null when it is absent or deleted.</summary>
    public static async ValueTask<NatsKVEntry<byte[]>?> GetLiveAsync(this INatsKVStore kv, string key, CancellationToken cancellationToken)
    {
        var result = await kv.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken);
        return result.Success && result.Value.Operation == NatsKVOperation.Put && result.Value.Value is not null ? result.Value : null;
    }

    /// <summary>Creates <paramref name="key"/> if absent (or deleted); the new revision, or null when it exists.</summary>
    public static async ValueTask<ulong?> CreateIfAbsentAsync(this INatsKVStore kv, string key, byte[] value, CancellationToken cancellationToken)
    {
        var result = await kv.TryCreateAsync(key, value, cancellationToken: cancellationToken);
        if (result.Success)
        {
            return result.Value;
        }
        return result.Error is NatsKVCreateException or NatsKVWrongLastRevisionException ? null : throw result.Error;
    }

    /// <summary>
    /// Writes <paramref name="key"/> if its latest revision is still <paramref name="revision"/> (0: never written);
    /// the new revision, or null when it moved on.
    /// </summary>
    public static async ValueTask<ulong?> UpdateIfRevisionAsync(this INatsKVStore kv, string key, byte[] value, ulong revision, CancellationToken cancellationToken)
    {
        var result = await kv.TryUpdateAsync(key, value, revision, cancellationToken: cancellationToken);
        if (result.Success)
        {
            return result.Value;
        }
        return result.Error is NatsKVWrongLastRevisionException ? null : throw result.Error;
    }

    /// <summary>Deletes <paramref name="key"/> if its revision is still <paramref name="revision"/>; false when it moved on.</summary>
    public static async ValueTask<bool> DeleteIfRevisionAsync(this INatsKVStore kv, string key, ulong revision, CancellationToken cancellationToken)
    {
        var result = await kv.TryDeleteAsync(key, new NatsKVDeleteOpts { Revision = revision }, cancellationToken);
        if (result.Success)
        {
            return true;
        }
        return result.Error is NatsKVWrongLastRevisionException ? false : throw result.Error;
    }
}
