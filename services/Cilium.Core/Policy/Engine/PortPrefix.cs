namespace Cilium.Core.Policy.Engine;

/// <summary>
/// Splits a port range into the fewest aligned power-of-two blocks, each a (port, prefix length) pair as the policy
/// map's LPM key needs (reference 3.5, Cilium's <c>PortRangeToMaskedPorts</c> idea). 0-65535 is one block of prefix 0.
/// </summary>
public static class PortPrefix
{
    public static List<(ushort Port, byte PrefixLength)> Split(ushort from, ushort to)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var blocks = new List<(ushort, byte)>();
        var start = (uint)from;
        var end = (uint)to;
        while (start <= end)
        {
            // The largest block aligned at start (its lowest set bit) that does not pass the end.
            var size = start == 0 ? 0x10000u : start & (uint)-(int)start;
            while (start + size - 1 > end)
            {
                size >>= 1;
            }
            var bits = 0;
            while ((1u << bits) < size)
            {
                bits++;
            }
            blocks.Add(((ushort)start, (byte)(16 - bits)));
            start += size;
        }
        return blocks;
    }
}
