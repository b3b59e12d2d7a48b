using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Cilium.Bpf.Interop;

/// <summary>
/// libbpf's print callback. libbpf writes the verifier log and its own warnings there; they are kept per
/// thread so that a failed load can put the verifier's reasons into its exception instead of stderr.
/// </summary>
internal static unsafe partial class Libbpf
{
    private const int MaxKeptLines = 400;

    [ThreadStatic]
    private static List<string>? t_log;

    private static int s_printInstalled;

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "libbpf_set_print")]
    private static partial nint SetPrint(delegate* unmanaged<int, nint, nint, int> callback);

    [LibraryImport(InteropLibraries.Libc, EntryPoint = "vsnprintf")]
    private static partial int VsnPrintf(byte* buffer, nuint size, nint format, nint args);

    internal static void EnsureLogCapture()
    {
        if (Interlocked.Exchange(ref s_printInstalled, 1) == 0)
        {
            SetPrint(&OnPrint);
        }
    }

    /// <summary>Starts collecting libbpf messages on this thread; returns them with <see cref="TakeLog"/>.</summary>
    internal static void BeginLog()
    {
        EnsureLogCapture();
        t_log = [];
    }

    internal static string TakeLog()
    {
        var lines = t_log;
        t_log = null;
        return lines is null || lines.Count == 0 ? "" : string.Join('\n', lines);
    }

    [UnmanagedCallersOnly]
    private static int OnPrint(int level, nint format, nint args)
    {
        var lines = t_log;
        // Level 2 is LIBBPF_DEBUG: chatty and never the reason for a failure.
        if (lines is null || level >= 2)
        {
            return 0;
        }
        const int size = 4096;
        var buffer = stackalloc byte[size];
        var n = VsnPrintf(buffer, size, format, args);
        if (n <= 0)
        {
            return 0;
        }
        var text = Encoding.UTF8.GetString(buffer, Math.Min(n, size - 1)).TrimEnd('\n');
        if (lines.Count < MaxKeptLines)
        {
            lines.Add(text);
        }
        return 0;
    }
}
