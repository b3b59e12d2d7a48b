using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>tc (clsact + direct-action cls_bpf) attachment of libbpf.h.</summary>
internal static unsafe partial class Libbpf
{
    internal const int TcIngress = 1;
    internal const int TcEgress = 2;
    internal const uint TcFlagReplace = 1;

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_tc_hook_create", SetLastError = true)]
    internal static partial int TcHookCreate(TcHook* hook);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_tc_hook_destroy", SetLastError = true)]
    internal static partial int TcHookDestroy(TcHook* hook);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_tc_attach", SetLastError = true)]
    internal static partial int TcAttach(TcHook* hook, TcOpts* opts);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_tc_detach", SetLastError = true)]
    internal static partial int TcDetach(TcHook* hook, TcOpts* opts);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_tc_query", SetLastError = true)]
    internal static partial int TcQuery(TcHook* hook, TcOpts* opts);

    /// <summary>struct bpf_tc_hook.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TcHook
    {
        public nuint Size;
        public int Ifindex;
        public int AttachPoint;
        public uint Parent;
        private readonly uint _pad;
    }

    /// <summary>struct bpf_tc_opts.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TcOpts
    {
        public nuint Size;
        public int ProgFd;
        public uint Flags;
        public uint ProgId;
        public uint Handle;
        public uint Priority;
        private readonly uint _pad;
    }
}
