using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// The datapath's lookup over a policy map, in C#: longest-prefix match with the peer's identity and with identity 0;
/// a deny from either wins, else an allow from either; no match drops (reference 3.4). Tests use it to check that
/// maps mean what the rules say; the eBPF program must decide the same way.
/// </summary>
public static class PolicyMapLookup
{
    public static KeyValuePair<PolicyKey, PolicyEntry>? Lookup(
        IReadOnlyDictionary<PolicyKey, PolicyEntry> map, TrafficDirection direction, uint peer, byte protocol, ushort port)
    {
        ArgumentNullException.ThrowIfNull(map);
        var exact = Longest(map, direction, peer, protocol, port);
        var wildcard = peer == 0 ? null : Longest(map, direction, 0, protocol, port);
        if (exact is { Value.IsDeny: true })
        {
            return exact;
        }
        if (wildcard is { Value.IsDeny: true })
        {
            return wildcard;
        }
        return exact ?? wildcard;
    }

    private static KeyValuePair<PolicyKey, PolicyEntry>? Longest(
        IReadOnlyDictionary<PolicyKey, PolicyEntry> map, TrafficDirection direction, uint identity, byte protocol, ushort port)
    {
        if (protocol != Protocols.Any)
        {
            for (var bits = 16; bits >= 0; bits--)
            {
                var mask = bits == 0 ? 0 : (ushort)(0xFFFF << (16 - bits));
                var key = new PolicyKey(identity, direction, protocol, (ushort)(port & mask), (byte)bits);
                if (map.TryGetValue(key, out var entry))
                {
                    return new(key, entry);
                }
            }
        }
        var any = PolicyKey.AnyPort(identity, direction);
        return map.TryGetValue(any, out var anyEntry) ? new(any, anyEntry) : null;
    }
}
