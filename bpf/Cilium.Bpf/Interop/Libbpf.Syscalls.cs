using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>The thin bpf(2) wrappers of bpf.h: map elements, batches, pins, object info, test runs.</summary>
internal static unsafe partial class Libbpf
{
    internal const ulong BpfAny = 0;

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map_lookup_elem", SetLastError = true)]
    internal static partial int MapLookupElem(int fd, void* key, void* value);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map_update_elem", SetLastError = true)]
    internal static partial int MapUpdateElem(int fd, void* key, void* value, ulong flags);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map_delete_elem", SetLastError = true)]
    internal static partial int MapDeleteElem(int fd, void* key);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map_get_next_key", SetLastError = true)]
    internal static partial int MapGetNextKey(int fd, void* key, void* nextKey);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map_update_batch", SetLastError = true)]
    internal static partial int MapUpdateBatch(int fd, void* keys, void* values, ref uint count, BatchOpts* opts);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map_delete_batch", SetLastError = true)]
    internal static partial int MapDeleteBatch(int fd, void* keys, ref uint count, BatchOpts* opts);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map_create", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int MapCreate(uint mapType, string? name, uint keySize, uint valueSize, uint maxEntries, MapCreateOpts* opts);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_obj_pin", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int ObjPin(int fd, string path);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_obj_get", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int ObjGet(string path);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_obj_get_info_by_fd", SetLastError = true)]
    internal static partial int ObjGetInfoByFd(int fd, void* info, ref uint infoLength);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_prog_test_run_opts", SetLastError = true)]
    internal static partial int ProgTestRunOpts(int progFd, TestRunOpts* opts);

    /// <summary>struct bpf_map_create_opts (libbpf 1.1).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MapCreateOpts
    {
        public nuint Size;
        public uint BtfFd;
        public uint BtfKeyTypeId;
        public uint BtfValueTypeId;
        public uint BtfVmlinuxValueTypeId;
        public uint InnerMapFd;
        public uint MapFlags;
        public ulong MapExtra;
        public uint NumaNode;
        public uint MapIfindex;
    }

    /// <summary>struct bpf_map_batch_opts.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BatchOpts
    {
        public nuint Size;
        public ulong ElemFlags;
        public ulong Flags;
    }

    /// <summary>struct bpf_test_run_opts (libbpf 1.1).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TestRunOpts
    {
        public nuint Size;
        public void* DataIn;
        public void* DataOut;
        public uint DataSizeIn;
        public uint DataSizeOut;
        public void* CtxIn;
        public void* CtxOut;
        public uint CtxSizeIn;
        public uint CtxSizeOut;
        public uint Retval;
        public int Repeat;
        public uint Duration;
        public uint Flags;
        public uint Cpu;
        public uint BatchSize;
    }

    /// <summary>The head of struct bpf_map_info (uapi): the fields the binding reads.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct MapInfo
    {
        public uint Type;
        public uint Id;
        public uint KeySize;
        public uint ValueSize;
        public uint MaxEntries;
        public uint MapFlags;
        public fixed byte Name[16];
        public fixed byte Rest[64];
    }

    /// <summary>The head of struct bpf_prog_info (uapi): type and id.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ProgInfo
    {
        public uint Type;
        public uint Id;
        public fixed byte Rest[224];
    }
}
