using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>The few libc calls the binding needs: namespaces, interface names, descriptors, the ring buffer's mapping.</summary>
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

    internal const int ProtRead = 1;
    internal const int ProtWrite = 2;
    internal const int MapShared = 1;
    internal static readonly nint MapFailed = -1;
    internal const short PollIn = 1;

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "mmap", SetLastError = true)]
    internal static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, long offset);

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "munmap", SetLastError = true)]
    internal static partial int Munmap(nint addr, nuint length);

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "poll", SetLastError = true)]
    internal static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);
}
