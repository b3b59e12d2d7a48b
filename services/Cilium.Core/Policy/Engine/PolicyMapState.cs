using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// One endpoint's policy map, kept two ways: the raw contributions of every rule per key, and the desired entries
/// derived from them. A key is desired when something contributes to it and no other deny key of the same or the
/// wildcard identity covers it (deny wins; <c>pkg/policy/mapstate.go</c> drops covered keys the same way).
/// Changes are staged with <see cref="Add"/>/<see cref="Remove"/> and applied by <see cref="Commit"/>, which
/// re-derives only the touched keys and the keys a changed deny covers.
/// </summary>
internal sealed class PolicyMapState
{
    private readonly Dictionary<PolicyKey, KeyContributions> _raw = [];
    private readonly Dictionary<PolicyKey, PolicyEntry> _desired = [];
    private readonly Dictionary<(TrafficDirection, uint), HashSet<PolicyKey>> _byPeer = [];
    private readonly Dictionary<(TrafficDirection, uint), int> _denyKeys = [];
    private readonly Dictionary<PolicyKey, bool> _touched = [];

    public IReadOnlyDictionary<PolicyKey, PolicyEntry> Desired => _desired;

    public int RawCount => _raw.Count;

    public void Add(PolicyKey key, RuleOrigin origin, bool deny)
    {
        if (!_raw.TryGetValue(key, out var contributions))
        {
            contributions = new KeyContributions();
            _raw[key] = contributions;
            var peer = (key.Direction, key.Identity);
            if (!_byPeer.TryGetValue(peer, out var keys))
            {
                keys = [];
                _byPeer[peer] = keys;
            }
            keys.Add(key);
        }
        _touched.TryAdd(key, contributions.HasDeny);
        var wasDeny = contributions.HasDeny;
        contributions.Add(origin, deny);
        if (!wasDeny && contributions.HasDeny)
        {
            CountDeny(key, +1);
        }
    }

    public void Remove(PolicyKey key, RuleOrigin origin, bool deny)
    {
        var contributions = _raw[key];
        _touched.TryAdd(key, contributions.HasDeny);
        var wasDeny = contributions.HasDeny;
        contributions.Remove(origin, deny);
        if (wasDeny && !contributions.HasDeny)
        {
            CountDeny(key, -1);
        }
        if (contributions.IsEmpty)
        {
            _raw.Remove(key);
            var peer = (key.Direction, key.Identity);
            var keys = _byPeer[peer];
            keys.Remove(key);
            if (keys.Count == 0)
            {
                _byPeer.Remove(peer);
            }
        }
    }

    /// <summary>Derives the desired entries of every staged key and of the keys a changed deny covers; reports each change.</summary>
    public void Commit(Action<PolicyKey, PolicyEntry?, PolicyEntry?> changed)
    {
        if (_touched.Count == 0)
        {
            return;
        }
        var keys = new HashSet<PolicyKey>(_touched.Keys);
        foreach (var (key, wasDeny) in _touched)
        {
            var isDeny = _raw.TryGetValue(key, out var c) && c.HasDeny;
            if (wasDeny != isDeny)
            {
                AddCovered(key, keys);
            }
        }
        _touched.Clear();
        foreach (var key in keys)
        {
            var after = Evaluate(key);
            _desired.TryGetValue(key, out var before);
            if (after is null)
            {
                if (before is not null)
                {
                    _desired.Remove(key);
                    changed(key, before, null);
                }
            }
            else if (before is null || !before.Equals(after))
            {
                _desired[key] = after;
                changed(key, before, after);
            }
        }
    }

    /// <summary>Derives every desired entry from scratch, for a state built in one go.</summary>
    public void CommitAll()
    {
        _touched.Clear();
        _desired.Clear();
        foreach (var key in _raw.Keys)
        {
            if (Evaluate(key) is { } entry)
            {
                _desired[key] = entry;
            }
        }
    }

    private void AddCovered(PolicyKey deny, HashSet<PolicyKey> into)
    {
        if (deny.Identity != 0)
        {
            if (_byPeer.TryGetValue((deny.Direction, deny.Identity), out var keys))
            {
                foreach (var k in keys)
                {
                    if (deny.Covers(k))
                    {
                        into.Add(k);
                    }
                }
            }
            return;
        }
        foreach (var k in _raw.Keys)
        {
            if (deny.Covers(k))
            {
                into.Add(k);
            }
        }
    }

    private PolicyEntry? Evaluate(PolicyKey key)
    {
        if (!_raw.TryGetValue(key, out var contributions))
        {
            return null;
        }
        if (IsCoveredByOtherDeny(key))
        {
            return null;
        }
        return contributions.ToEntry();
    }

    private bool IsCoveredByOtherDeny(PolicyKey key)
    {
        if (HasDenyAt(key, key.Identity))
        {
            return true;
        }
        return key.Identity != 0 && HasDenyAt(key, 0);
    }

    private bool HasDenyAt(PolicyKey key, uint identity)
    {
        if (!_denyKeys.ContainsKey((key.Direction, identity)))
        {
            return false;
        }
        var any = PolicyKey.AnyPort(identity, key.Direction);
        if (any != key && IsDeny(any))
        {
            return true;
        }
        if (key.Protocol == Protocols.Any)
        {
            return false;
        }
        for (var bits = 0; bits <= key.PortPrefixLength; bits++)
        {
            var mask = bits == 0 ? 0 : (ushort)(0xFFFF << (16 - bits));
            var candidate = new PolicyKey(identity, key.Direction, key.Protocol, (ushort)(key.Port & mask), (byte)bits);
            if (candidate != key && IsDeny(candidate))
            {
                return true;
            }
        }
        return false;
    }

    private bool IsDeny(PolicyKey key) => _raw.TryGetValue(key, out var c) && c.HasDeny;

    private void CountDeny(PolicyKey key, int delta)
    {
        var peer = (key.Direction, key.Identity);
        var count = _denyKeys.GetValueOrDefault(peer) + delta;
        if (count == 0)
        {
            _denyKeys.Remove(peer);
        }
        else
        {
            _denyKeys[peer] = count;
        }
    }
}
