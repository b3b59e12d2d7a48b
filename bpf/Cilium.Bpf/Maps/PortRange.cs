namespace Cilium.Bpf.Maps;

/// <summary>A block of ports a single LPM key covers: <see cref="Port"/> with the first <see cref="PrefixLength"/> bits fixed.</summary>
public readonly record struct PortPrefix(ushort Port, int PrefixLength)
{
    public ushort First => Port;
    public ushort Last => (ushort)(Port | ((1 << (16 - PrefixLength)) - 1));
}

/// <summary>Splits a port range into the power-of-two aligned blocks that LPM policy keys can express.</summary>
public static class PortRange
{
    public static IReadOnlyList<PortPrefix> ToPrefixes(ushort first, ushort last)
    {
        if (last < first)
        {
            throw new ArgumentException($"port range {first}-{last} ends before it starts", nameof(last));
        }
        var result = new List<PortPrefix>();
        var start = (int)first;
        while (start <= last)
        {
            // The largest aligned block that starts here and does not run past the end.
            var size = start == 0 ? 1 << 16 : start & -start;
            while (start + size - 1 > last)
            {
                size >>= 1;
            }
            result.Add(new PortPrefix((ushort)start, 16 - System.Numerics.BitOperations.Log2((uint)size)));
            start += size;
        }
        return result;
    }
}
