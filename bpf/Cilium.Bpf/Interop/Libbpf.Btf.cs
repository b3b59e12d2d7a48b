using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>BTF reading of btf.h: the compiled objects describe their own structs and .rodata variables.</summary>
internal static unsafe partial class Libbpf
{
    internal const uint BtfKindStruct = 4;
    internal const uint BtfKindVar = 14;
    internal const uint BtfKindDatasec = 15;

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "btf__parse", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial nint BtfParse(string path, nint btfExt);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "btf__free")]
    internal static partial void BtfFree(nint btf);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "btf__find_by_name_kind", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int BtfFindByNameKind(nint btf, string name, uint kind);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "btf__type_by_id")]
    internal static partial BtfType* BtfTypeById(nint btf, uint id);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "btf__name_by_offset")]
    internal static partial nint BtfNameByOffset(nint btf, uint offset);

    /// <summary>struct btf_type; kind-specific records follow it in memory.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BtfType
    {
        public uint NameOff;
        public uint Info;
        public uint SizeOrType;

        public readonly uint Kind => (Info >> 24) & 0x1f;
        public readonly int VLen => (int)(Info & 0xffff);
        public readonly bool KindFlag => (Info >> 31) != 0;
    }

    /// <summary>struct btf_member.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BtfMember
    {
        public uint NameOff;
        public uint Type;
        public uint Offset;
    }

    /// <summary>struct btf_var_secinfo.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct BtfVarSecinfo
    {
        public uint Type;
        public uint Offset;
        public uint Size;
    }
}
