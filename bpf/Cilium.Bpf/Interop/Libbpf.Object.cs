using System.Runtime.InteropServices;

namespace Cilium.Bpf.Interop;

/// <summary>bpf_object / bpf_map / bpf_program handles of libbpf.h: open, configure, load, find.</summary>
internal static unsafe partial class Libbpf
{
    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__open_file", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial nint ObjectOpenFile(string path, nint opts);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__load", SetLastError = true)]
    internal static partial int ObjectLoad(nint obj);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__close")]
    internal static partial void ObjectClose(nint obj);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__find_map_by_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ObjectFindMapByName(nint obj, string name);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__find_program_by_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint ObjectFindProgramByName(nint obj, string name);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__next_map")]
    internal static partial nint ObjectNextMap(nint obj, nint previous);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__next_program")]
    internal static partial nint ObjectNextProgram(nint obj, nint previous);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_object__btf")]
    internal static partial nint ObjectBtf(nint obj);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__name")]
    internal static partial nint MapName(nint map);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__fd")]
    internal static partial int MapFd(nint map);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__set_max_entries", SetLastError = true)]
    internal static partial int MapSetMaxEntries(nint map, uint maxEntries);

    /// <summary>Makes a map of maps use an existing map as its inner-map template instead of its BTF definition.</summary>
    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__set_inner_map_fd", SetLastError = true)]
    internal static partial int MapSetInnerMapFd(nint map, int fd);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__max_entries")]
    internal static partial uint MapMaxEntries(nint map);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__set_pin_path", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    internal static partial int MapSetPinPath(nint map, string? path);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__reuse_fd", SetLastError = true)]
    internal static partial int MapReuseFd(nint map, int fd);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__initial_value")]
    internal static partial nint MapInitialValue(nint map, out nuint size);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__set_initial_value", SetLastError = true)]
    internal static partial int MapSetInitialValue(nint map, void* data, nuint size);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_map__is_internal")]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool MapIsInternal(nint map);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_program__name")]
    internal static partial nint ProgramName(nint prog);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "bpf_program__fd")]
    internal static partial int ProgramFd(nint prog);

    [LibraryImport(InteropLibraries.Libbpf, EntryPoint = "libbpf_num_possible_cpus")]
    internal static partial int NumPossibleCpus();

    internal static string Name(nint cString) => Marshal.PtrToStringUTF8(cString) ?? "";
}
