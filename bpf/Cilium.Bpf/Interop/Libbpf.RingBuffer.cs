using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>Ring-buffer consumer of libbpf.h.</summary>
internal static unsafe partial class Libbpf
{
    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "ring_buffer__new", SetLastError = true)]
    internal static partial nint RingBufferNew(int mapFd, delegate* unmanaged<nint, nint, nuint, int> sampleCallback, nint ctx, nint opts);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "ring_buffer__poll", SetLastError = true)]
    internal static partial int RingBufferPoll(nint rb, int timeoutMs);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "ring_buffer__consume", SetLastError = true)]
    internal static partial int RingBufferConsume(nint rb);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "ring_buffer__free")]
    internal static partial void RingBufferFree(nint rb);
}
