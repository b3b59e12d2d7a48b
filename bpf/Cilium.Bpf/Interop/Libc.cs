using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>The few libc calls the binding needs: namespaces, interface names, descriptors.</summary>
internal static partial class Libc
{
    internal const int CloneNewNet = 0x40000000;
    internal const int ORdOnly = 0;
    internal const int OCloexec = 0x80000;
    internal const int FDupFdCloexec = 1030;

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "setns", SetLastError = true)]
    internal static partial int SetNs(int fd, int nstype);

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int cmd, int arg);

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial uint IfNameToIndex(string name);

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "gettid")]
    internal static partial int GetTid();
}
