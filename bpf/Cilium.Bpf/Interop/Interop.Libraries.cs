namespace Cilium.Bpf.Interop;

/// <summary>Names of the native libraries the binding loads.</summary>
internal static class InteropLibraries
{
    public const string Libbpf = "libbpf.so.1";
    public const string Libc = "libc.so.6";
}
