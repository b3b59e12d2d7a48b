using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>statfs(2), to tell a bpffs directory from an ordinary one.</summary>
internal static unsafe partial class StatFs
{
    public static long Magic(string path)
    {
        // struct statfs is 120 bytes on 64-bit Linux; f_type is its first field.
        var buffer = stackalloc long[32];
        return StatFsNative(path, buffer) == 0 ? buffer[0] : -1;
    }

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "statfs", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatFsNative(string path, long* buffer);
}
