namespace Cilium.Cni.Spec;

/// <summary>
/// The spec versions this plugin speaks. 0.1.0/0.2.0 had a different result shape (<c>ip4</c>/<c>ip6</c>) and 1.1.0
/// adds GC and STATUS verbs; neither is implemented, so neither is claimed.
/// </summary>
public static class CniVersions
{
    public const string Latest = "1.0.0";

    public static IReadOnlyList<string> Supported { get; } = ["0.3.0", "0.3.1", "0.4.0", "1.0.0"];

    public static bool IsSupported(string? version) => version is not null && Supported.Contains(version);

    /// <summary>Results before 1.0.0 carry a <c>version</c> on each IP config.</summary>
    public static bool ResultHasIpVersion(string version) => version != Latest;
}
