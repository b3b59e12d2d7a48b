using System.Globalization;
using System.Text.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Cilium.ServiceDefaults.Nats;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Cilium.Endpoint.Storage;

/// <summary>
/// The registry bucket, the source of truth (keys: <see cref="RegistryKeys"/>). Every write names the revision
/// it expects, deletions included, so any two writers of one key are ordered by compare-and-swap.
/// </summary>
public sealed class RegistryStore(INatsKVContext kv, INatsJSContext js, IOptions<EndpointOptions> options)
{
    // JetStream's "wrong last sequence" error: the compare-and-swap lost.
    private const int WrongLastSequence = 10071;

    private INatsKVStore? _store;

    public string Bucket => options.Value.Bucket;
    public string StreamName => $"KV_{Bucket}";

    private INatsKVStore Kv => _store ?? throw new InvalidOperationException($"bucket {Bucket} is not open yet");

    public async ValueTask<INatsKVStore> OpenAsync(CancellationToken cancellationToken)
    {
        _store = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(Bucket)
        {
            Storage = NatsKVStorageType.File,
            History = options.Value.History,
            Description = "Cilium endpoints and nodes: ep.<ns>.<name>, node.<name>, ip.<ip> claims, podcidrs index",
        }, cancellationToken);
        return _store;
    }

    /// <summary>The latest state of <paramref name="key"/>, with the revision of its deletion when it is deleted.</summary>
    public async ValueTask<StoredEntry> GetLatestAsync(string key, CancellationToken cancellationToken)
    {
        var result = await Kv.TryGetEntryAsync<byte[]>(key, cancellationToken: cancellationToken);
        if (result.Success)
        {
            var entry = result.Value;
            return entry.Operation == NatsKVOperation.Put && entry.Value is not null
                ? new StoredEntry(entry.Revision, entry.Value)
                : new StoredEntry(entry.Revision, null);
        }
        return result.Error switch
        {
            NatsKVKeyDeletedException deleted => new StoredEntry(deleted.Revision, null),
            NatsKVKeyNotFoundException => new StoredEntry(0, null),
            _ => throw result.Error,
        };
    }

    /// <summary>Writes <paramref name="key"/> if its latest revision is still <paramref name="expected"/> (0: never written); the new revision or null.</summary>
    public ValueTask<ulong?> TryWriteAsync(string key, byte[] value, ulong expected, CancellationToken cancellationToken) =>
        Kv.UpdateIfRevisionAsync(key, value, expected, cancellationToken);

    /// <summary>
    /// Deletes <paramref name="key"/> if its latest revision is still <paramref name="expected"/>; the revision of
    /// the deletion, or null. Written as the bucket's own delete marker (a <c>KV-Operation: DEL</c> message), so
    /// watchers and the event publisher see an ordinary deletion; unlike the client's delete it also works on a key
    /// that was never written, which fencing needs.
    /// </summary>
    public async ValueTask<ulong?> TryDeleteAsync(string key, ulong expected, CancellationToken cancellationToken)
    {
        var headers = new NatsHeaders
        {
            ["KV-Operation"] = "DEL",
            ["Nats-Expected-Last-Subject-Sequence"] = expected.ToString(CultureInfo.InvariantCulture),
        };
        var ack = await js.PublishAsync<byte[]>($"$KV.{Bucket}.{key}", [], headers: headers, cancellationToken: cancellationToken);
        if (ack.Error is { ErrCode: WrongLastSequence })
        {
            return null;
        }
        ack.EnsureSuccess();
        return ack.Seq;
    }

    public static byte[] Encode(CiliumEndpoint endpoint) =>
        JsonSerializer.SerializeToUtf8Bytes(endpoint with { Revision = null }, CiliumJsonContext.Default.CiliumEndpoint);

    public static CiliumEndpoint DecodeEndpoint(byte[] value, ulong revision) =>
        (JsonSerializer.Deserialize(value, CiliumJsonContext.Default.CiliumEndpoint) ?? throw new InvalidDataException("null endpoint record")) with { Revision = revision };

    public static byte[] Encode(CiliumNode node) =>
        JsonSerializer.SerializeToUtf8Bytes(node with { Revision = null }, CiliumJsonContext.Default.CiliumNode);

    public static CiliumNode DecodeNode(byte[] value, ulong revision) =>
        (JsonSerializer.Deserialize(value, CiliumJsonContext.Default.CiliumNode) ?? throw new InvalidDataException("null node record")) with { Revision = revision };

    public static byte[] Encode(IpClaim claim) => JsonSerializer.SerializeToUtf8Bytes(claim, StorageJsonContext.Default.IpClaim);

    public static IpClaim DecodeIpClaim(byte[] value) =>
        JsonSerializer.Deserialize(value, StorageJsonContext.Default.IpClaim) ?? throw new InvalidDataException("null IP claim");

    public static byte[] Encode(PodCidrIndex index) => JsonSerializer.SerializeToUtf8Bytes(index, StorageJsonContext.Default.PodCidrIndex);

    public static PodCidrIndex DecodePodCidrIndex(byte[]? value) => value is null
        ? PodCidrIndex.Empty
        : JsonSerializer.Deserialize(value, StorageJsonContext.Default.PodCidrIndex) ?? PodCidrIndex.Empty;
}
