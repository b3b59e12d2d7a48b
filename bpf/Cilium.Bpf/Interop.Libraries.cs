namespace Cilium.Bpf;

/// <summary>Names of the native libraries the binding loads.</summary>
internal static class InteropLibraries
{
    public const string Libbpf = "libbpf.so.1";
}
