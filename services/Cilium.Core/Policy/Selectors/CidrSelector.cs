using System.Net;
using System.Net.Sockets;
using Cilium.Core.Labels;

namespace Cilium.Core.Policy.Selectors;

/// <summary>
/// Selects the CIDR identities whose prefix lies inside <see cref="Prefix"/> and inside none of
/// <see cref="Except"/>, as Cilium's CIDR selectors do (a <c>cidr:</c> selector matches every narrower CIDR identity,
/// <c>pkg/policy/api/cidr.go</c>, <c>pkg/labels/cidr.go</c>). A zero-length prefix also selects the world identities:
/// an address outside every known prefix resolves to world.
/// </summary>
public sealed class CidrSelector : PeerSelector
{
    private readonly IPNetwork[] _except;

    public CidrSelector(IPNetwork prefix, IEnumerable<IPNetwork>? except = null)
    {
        Prefix = prefix;
        _except = [.. (except ?? []).Distinct().OrderBy(e => e.ToString(), StringComparer.Ordinal)];
        Key = _except.Length == 0
            ? $"cidr:{prefix}"
            : $"cidr:{prefix} except ({string.Join(',', _except.Select(e => e.ToString()))})";
    }

    public IPNetwork Prefix { get; }
    public IReadOnlyList<IPNetwork> Except => _except;
    public override string Key { get; }

    public override bool Matches(PolicyIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.Cidr is { } cidr)
        {
            if (!Covers(Prefix, cidr))
            {
                return false;
            }
            foreach (var e in _except)
            {
                if (Covers(e, cidr))
                {
                    return false;
                }
            }
            return true;
        }
        if (Prefix.PrefixLength != 0)
        {
            return false;
        }
        var v4 = Prefix.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
        return identity.Id == ReservedIdentities.World ||
               identity.Id == (v4 ? ReservedIdentities.WorldIPv4 : ReservedIdentities.WorldIPv6);
    }

    /// <summary>True when <paramref name="inner"/> is <paramref name="outer"/> or one of its sub-prefixes.</summary>
    public static bool Covers(IPNetwork outer, IPNetwork inner) =>
        outer.BaseAddress.AddressFamily == inner.BaseAddress.AddressFamily &&
        inner.PrefixLength >= outer.PrefixLength &&
        outer.Contains(inner.BaseAddress);
}
