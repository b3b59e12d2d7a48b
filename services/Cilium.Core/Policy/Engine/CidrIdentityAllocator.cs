using System.Net;
using Cilium.Core.Errors;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// Hands out node-local CIDR identities (reference 2.2: local scope <c>1&lt;&lt;24</c>, 16777217..33554431), one per
/// prefix, reference-counted, lowest free number first. The caller owns it (the agent may share it with other users
/// of local identities); the engine acquires one reference per rule that names a prefix.
/// </summary>
public sealed class CidrIdentityAllocator
{
    public const uint First = (1u << 24) + 1;
    public const uint Last = (1u << 25) - 1;

    private readonly Dictionary<IPNetwork, (uint Id, int References)> _byPrefix = [];
    private readonly Dictionary<uint, IPNetwork> _byId = [];
    private readonly SortedSet<uint> _released = [];
    private readonly uint _last;
    private uint _next = First;

    public CidrIdentityAllocator(uint last = Last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(last, First);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, Last);
        _last = last;
    }

    public int Count => _byPrefix.Count;

    /// <summary>Takes a reference on the prefix's identity, allocating it when it is the first.</summary>
    public uint Acquire(IPNetwork prefix, out bool allocated)
    {
        if (_byPrefix.TryGetValue(prefix, out var entry))
        {
            _byPrefix[prefix] = (entry.Id, entry.References + 1);
            allocated = false;
            return entry.Id;
        }
        uint id;
        if (_released.Count > 0)
        {
            id = _released.Min;
            _released.Remove(id);
        }
        else if (_next <= _last)
        {
            id = _next++;
        }
        else
        {
            throw new CapacityExhaustedException($"no CIDR identity left for {prefix} ({First}..{_last} in use)");
        }
        _byPrefix[prefix] = (id, 1);
        _byId[id] = prefix;
        allocated = true;
        return id;
    }

    /// <summary>Drops a reference; true when it was the last and the identity is free again.</summary>
    public bool Release(IPNetwork prefix)
    {
        if (!_byPrefix.TryGetValue(prefix, out var entry))
        {
            return false;
        }
        if (entry.References > 1)
        {
            _byPrefix[prefix] = (entry.Id, entry.References - 1);
            return false;
        }
        _byPrefix.Remove(prefix);
        _byId.Remove(entry.Id);
        _released.Add(entry.Id);
        return true;
    }

    public bool TryGetIdentity(IPNetwork prefix, out uint identity)
    {
        var found = _byPrefix.TryGetValue(prefix, out var entry);
        identity = entry.Id;
        return found;
    }

    public bool TryGetPrefix(uint identity, out IPNetwork prefix) => _byId.TryGetValue(identity, out prefix);

    /// <summary>Every allocated prefix and its identity.</summary>
    public IReadOnlyList<CidrIdentity> Snapshot() => [.. _byPrefix.Select(p => new CidrIdentity(p.Key, p.Value.Id)).OrderBy(c => c.Identity)];

    /// <summary>The identity of the longest allocated prefix containing <paramref name="address"/>, as an ipcache lookup would find.</summary>
    public uint? LongestPrefixMatch(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        uint? best = null;
        var bestLength = -1;
        foreach (var (prefix, entry) in _byPrefix)
        {
            if (prefix.PrefixLength > bestLength && prefix.BaseAddress.AddressFamily == address.AddressFamily && prefix.Contains(address))
            {
                best = entry.Id;
                bestLength = prefix.PrefixLength;
            }
        }
        return best;
    }
}
