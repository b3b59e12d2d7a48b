using System.Net;

namespace Cilium.Endpoint.Nodes;

/// <summary>Prefix arithmetic for pod CIDRs in canonical text form.</summary>
public static class PodCidrs
{
    /// <summary>True when the two prefixes share an address: one contains the other's network address.</summary>
    public static bool Overlap(string a, string b)
    {
        var x = IPNetwork.Parse(a);
        var y = IPNetwork.Parse(b);
        return x.BaseAddress.AddressFamily == y.BaseAddress.AddressFamily
            && (x.Contains(y.BaseAddress) || y.Contains(x.BaseAddress));
    }
}
