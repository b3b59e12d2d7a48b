namespace Cilium.Core.Identities;

/// <summary>
/// The numbers one cluster allocates from (<c>reference/CILIUM.md</c> 2.2): with 255 connected clusters the
/// cluster id takes 8 bits above a 16-bit local part, so cluster N allocates <c>(N &lt;&lt; 16) | local</c>
/// with local from 256 (the first non-reserved number) to 65535.
/// </summary>
public sealed record IdentityRange(long Min, long Max)
{
    public const int ClusterIdShift = 16;
    public const long MinimalLocal = 256;
    public const long MaxLocal = 0xFFFF;

    public static IdentityRange ForCluster(int clusterId, long maxLocal = MaxLocal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clusterId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clusterId, 255);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLocal, MinimalLocal);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLocal, MaxLocal);
        var cluster = (long)clusterId << ClusterIdShift;
        return new IdentityRange(cluster | MinimalLocal, cluster | maxLocal);
    }

    public long Size => Max - Min + 1;
    public bool Contains(long id) => id >= Min && id <= Max;
    public override string ToString() => $"{Min}..{Max}";
}
