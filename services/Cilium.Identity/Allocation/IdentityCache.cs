using System.Collections.Concurrent;
using Cilium.Core.Identities;
using Cilium.Core.Labels;
using Microsoft.Extensions.Options;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Allocation;

/// <summary>
/// The replica's view of the committed identities, fed by <see cref="IdentityCacheWatcher"/> from the bucket and
/// by this replica's own writes. It answers look-ups without a round trip and picks candidate numbers; the
/// bucket's compare-and-swap, not this view, decides who gets a number.
/// </summary>
public sealed class IdentityCache
{
    private readonly ConcurrentDictionary<long, CachedIdentity> _byId = new();
    private readonly ConcurrentDictionary<string, long> _bySha = new(StringComparer.Ordinal);

    public IdentityCache(IOptions<IdentityOptions> options, IOptions<Cilium.ServiceDefaults.ClusterOptions> cluster)
        : this(IdentityRange.ForCluster(cluster.Value.Id, options.Value.MaxLocalId))
    {
    }

    private IdentityCache(IdentityRange range)
    {
        Range = range;
        foreach (var (id, labels) in ReservedIdentities.All)
        {
            _byId[id] = new CachedIdentity(new IdentityModel(id, labels.ToStrings(), labels.Sha256), labels);
        }
    }

    public IdentityRange Range { get; }

    public int AllocatedCount => _byId.Count - ReservedIdentities.All.Count;

    public bool TryGet(long id, out CachedIdentity identity) => _byId.TryGetValue(id, out identity!);

    public bool TryGetBySha(string sha256, out CachedIdentity identity)
    {
        if (_bySha.TryGetValue(sha256, out var id) && _byId.TryGetValue(id, out identity!))
        {
            return true;
        }
        identity = null!;
        return false;
    }

    public IEnumerable<CachedIdentity> All => _byId.Values.OrderBy(i => i.Identity.Id);

    public void Upsert(IdentityModel identity) => Upsert(identity, LabelSet.Parse(identity.Labels));

    /// <summary>Caches <paramref name="identity"/> whose labels the caller already parsed.</summary>
    public void Upsert(IdentityModel identity, LabelSet labels)
    {
        _byId[identity.Id] = new CachedIdentity(identity, labels);
        _bySha[identity.LabelsSha256] = identity.Id;
    }

    /// <summary>
    /// Whether the cache already holds exactly this committed identity (same number, same label hash), as it does for
    /// every identity this replica committed itself: the watch then has nothing to parse.
    /// </summary>
    public bool Holds(long id, string labelsSha256) =>
        _byId.TryGetValue(id, out var cached) && string.Equals(cached.Identity.LabelsSha256, labelsSha256, StringComparison.Ordinal);

    public void Remove(long id)
    {
        if (_byId.TryRemove(id, out var removed))
        {
            _bySha.TryRemove(new KeyValuePair<string, long>(removed.Identity.LabelsSha256, id));
        }
    }

    /// <summary>
    /// A number this view believes free, chosen at random like Cilium's ID pool so replicas rarely race for the
    /// same one. Throws when the range is full.
    /// </summary>
    public long PickFree(IReadOnlySet<long>? avoid = null)
    {
        if (AllocatedCount + (avoid?.Count ?? 0) >= Range.Size)
        {
            throw new Core.Errors.CapacityExhaustedException($"identity range {Range} of this cluster is exhausted ({Range.Size} identities allocated)");
        }
        var size = Range.Size;
        var start = Random.Shared.NextInt64(size);
        for (long i = 0; i < size; i++)
        {
            var candidate = Range.Min + ((start + i) % size);
            if (!_byId.ContainsKey(candidate) && avoid?.Contains(candidate) != true)
            {
                return candidate;
            }
        }
        throw new Core.Errors.CapacityExhaustedException($"identity range {Range} of this cluster is exhausted");
    }
}

/// <summary>An identity with its parsed labels, for label queries.</summary>
public sealed record CachedIdentity(IdentityModel Identity, LabelSet Labels);
