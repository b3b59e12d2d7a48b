using System.Globalization;
using System.Text;
using System.Text.Json;
using Cilium.Contracts.Json;
using Cilium.ServiceDefaults.Nats;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.KeyValueStore;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Allocation;

/// <summary>
/// The identity bucket, the source of truth. Two kinds of keys, each written only with compare-and-swap:
/// <list type="bullet">
/// <item><c>id.&lt;n&gt;</c> -> the committed identity (JSON, REST shape). Its existence is what makes a number allocated;
/// the event publisher follows exactly these keys.</item>
/// <item><c>labels.&lt;sha256&gt;</c> -> <c>n</c>: the reservation of a number for a label set. It may briefly point at a
/// number whose <c>id.</c> key does not exist yet (a crash between the two writes); the next allocation of the
/// same labels completes it, so a label set never gets two numbers.</item>
/// </list>
/// </summary>
public sealed class IdentityStore(INatsKVContext kv, IOptions<IdentityOptions> options)
{
    public const string IdPrefix = "id.";
    public const string LabelsPrefix = "labels.";

    private INatsKVStore? _store;

    public string Bucket => options.Value.Bucket;

    public INatsKVStore Kv => _store ?? throw new InvalidOperationException($"bucket {Bucket} is not open yet");

    public async ValueTask<INatsKVStore> OpenAsync(CancellationToken cancellationToken)
    {
        _store = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(Bucket)
        {
            Storage = NatsKVStorageType.File,
            History = 1,
            Description = "Cilium security identities: id.<n> -> identity, labels.<sha256> -> n",
        }, cancellationToken);
        return _store;
    }

    public static string IdKey(long id) => IdPrefix + id.ToString(CultureInfo.InvariantCulture);
    public static string LabelsKey(string sha256) => LabelsPrefix + sha256;

    public static byte[] Encode(IdentityModel identity) => JsonSerializer.SerializeToUtf8Bytes(identity, CiliumJsonContext.Default.Identity);
    public static IdentityModel DecodeIdentity(byte[] value) =>
        JsonSerializer.Deserialize(value, CiliumJsonContext.Default.Identity) ?? throw new InvalidDataException("null identity record");

    public static byte[] EncodeNumber(long id) => Encoding.ASCII.GetBytes(id.ToString(CultureInfo.InvariantCulture));
    public static long DecodeNumber(byte[] value) => long.Parse(Encoding.ASCII.GetString(value), CultureInfo.InvariantCulture);

    /// <summary>The live entry of <paramref name="key"/>, or null when it is absent or deleted.</summary>
    public ValueTask<NatsKVEntry<byte[]>?> GetAsync(string key, CancellationToken cancellationToken) => Kv.GetLiveAsync(key, cancellationToken);

    /// <summary>Creates <paramref name="key"/> if absent; the new revision, or null when someone else holds the key.</summary>
    public ValueTask<ulong?> TryCreateAsync(string key, byte[] value, CancellationToken cancellationToken) =>
        Kv.CreateIfAbsentAsync(key, value, cancellationToken);

    /// <summary>Replaces <paramref name="key"/> if its revision is still <paramref name="revision"/>; null when it moved on.</summary>
    public ValueTask<ulong?> TryUpdateAsync(string key, byte[] value, ulong revision, CancellationToken cancellationToken) =>
        Kv.UpdateIfRevisionAsync(key, value, revision, cancellationToken);

    /// <summary>Deletes <paramref name="key"/> if its revision is still <paramref name="revision"/>.</summary>
    public ValueTask<bool> TryDeleteAsync(string key, ulong revision, CancellationToken cancellationToken) =>
        Kv.DeleteIfRevisionAsync(key, revision, cancellationToken);
}
