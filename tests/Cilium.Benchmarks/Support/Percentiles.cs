namespace Cilium.Benchmarks.Support;

/// <summary>
/// Percentiles by the nearest-rank definition, the one every benchmark here reports: the smallest sample such that at
/// least the fraction <c>q</c> of all samples are at or below it (rank <c>ceil(q * n)</c>). Of 300 samples, p99 is the
/// 297th smallest: the three slowest lie above it.
/// </summary>
public static class Percentiles
{
    /// <summary><paramref name="q"/> in (0, 1] of samples already sorted ascending; NaN when there are none.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary><paramref name="q"/> in (0, 1] of samples in any order.</summary>
    public static double Of(IEnumerable<double> samples, double q) => OfSorted(samples.Order().ToArray(), q);
}
