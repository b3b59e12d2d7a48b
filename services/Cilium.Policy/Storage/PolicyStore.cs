using System.Text.Json;
using Cilium.Policy.Models;
using Cilium.ServiceDefaults.Nats;
using Microsoft.Extensions.Options;
using NATS.Client.KeyValueStore;

namespace Cilium.Policy.Storage;

/// <summary>
/// The policy bucket, the source of truth: <c>revision</c> -> <see cref="RevisionRecord"/>, <c>p.…</c> ->
/// <see cref="PolicyRecord"/>. Every write is a compare-and-swap; the <c>Try*</c> methods answer null/false when the
/// key moved on instead of throwing.
/// </summary>
public sealed class PolicyStore(INatsKVContext kv, IOptions<PolicyOptions> options)
{
    private INatsKVStore? _store;

    public string Bucket => options.Value.Bucket;

    public INatsKVStore Kv => _store ?? throw new InvalidOperationException($"bucket {Bucket} is not open yet");

    public async ValueTask<INatsKVStore> OpenAsync(CancellationToken cancellationToken)
    {
        _store = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(Bucket)
        {
            Storage = NatsKVStorageType.File,
            History = 1,
            Description = "Cilium network policies: revision -> policy revision (+ batch being written), p.<kind>.<ns>.<name> -> policy",
        }, cancellationToken);
        return _store;
    }

    public static byte[] Encode(PolicyRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, PolicyJsonContext.Default.PolicyRecord);
    public static PolicyRecord DecodePolicy(byte[] value) =>
        JsonSerializer.Deserialize(value, PolicyJsonContext.Default.PolicyRecord) ?? throw new InvalidDataException("null policy record");

    public static byte[] Encode(RevisionRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, PolicyJsonContext.Default.RevisionRecord);
    public static RevisionRecord DecodeRevision(byte[] value) =>
        JsonSerializer.Deserialize(value, PolicyJsonContext.Default.RevisionRecord) ?? throw new InvalidDataException("null revision record");

    /// <summary>The live entry of <paramref name="key"/>, or null when it is absent or deleted.</summary>
    public ValueTask<NatsKVEntry<byte[]>?> GetAsync(string key, CancellationToken cancellationToken) => Kv.GetLiveAsync(key, cancellationToken);

    /// <summary>Creates <paramref name="key"/> if absent (or deleted); the new revision, or null when it exists.</summary>
    public ValueTask<ulong?> TryCreateAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        Kv.CreateIfAbsentAsync(key, value, cancellationToken);

    /// <summary>Replaces <paramref name="key"/> if its revision is still <paramref name="revision"/>; null when it moved on.</summary>
    public ValueTask<ulong?> TryUpdateAsync(string key, byte[] value, ulong revision, CancellationToken cancellationToken) =>
        Kv.UpdateIfRevisionAsync(key, value, revision, cancellationToken);

    /// <summary>Writes <paramref name="key"/> if its revision is <paramref name="expected"/> (0 = absent).</summary>
    public ValueTask<ulong?> TryWriteAsync(string key, byte[] value, ulong expected, CancellationToken cancellationToken) =>
        expected == 0 ? TryCreateAsync(key, value, cancellationToken) : TryUpdateAsync(key, value, expected, cancellationToken);

    /// <summary>Deletes <paramref name="key"/> if its revision is still <paramref name="revision"/>.</summary>
    public ValueTask<bool> TryDeleteAsync(string key, ulong revision, CancellationToken cancellationToken) =>
        Kv.DeleteIfRevisionAsync(key, revision, cancellationToken);
}
