namespace Cilium.Testing;

/// <summary>A short unique id for every name a test creates (netns, links, bpffs paths, sockets, store dirs).</summary>
public static class RunId
{
    /// <summary>Eight lower-case hex characters: short enough for a 15-character interface name with a prefix.</summary>
    public static string New() => Guid.NewGuid().ToString("N")[..8];
}
