using System.Runtime.CompilerServices;
using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>
/// A compiled BPF object (.o) between open and load: set .rodata constants, map sizes, pins and reused maps, then
/// <see cref="Load"/>; afterwards take maps and programs out (each gets its own descriptor, so they outlive this
/// object) and dispose it.
/// </summary>
public sealed class BpfObject : IDisposable
{
    private nint _obj;

    private BpfObject(nint obj, string path)
    {
        _obj = obj;
        Path = path;
    }

    public string Path { get; }
    public string Name => System.IO.Path.GetFileName(Path);
    public bool IsLoaded { get; private set; }

    public static BpfObject Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new BpfException("open", path, Errno.ENOENT, "the object is built with Cilium.Bpf (clang -target bpf) and copied next to the assembly under bpf/");
        }
        Libbpf.BeginLog();
        var obj = Libbpf.ObjectOpenFile(path, 0);
        var errno = obj == 0 ? BpfException.LastErrno() : 0;
        var log = Libbpf.TakeLog();
        return obj == 0 ? throw new BpfException("open", path, errno, log) : new BpfObject(obj, path);
    }

    /// <summary>Names of the object's own maps (not .rodata/.bss).</summary>
    public IReadOnlyList<string> MapNames
    {
        get
        {
            var names = new List<string>();
            for (var m = Libbpf.ObjectNextMap(Handle, 0); m != 0; m = Libbpf.ObjectNextMap(Handle, m))
            {
                if (!Libbpf.MapIsInternal(m))
                {
                    names.Add(Libbpf.Name(Libbpf.MapName(m)));
                }
            }
            return names;
        }
    }

    public IReadOnlyList<string> ProgramNames
    {
        get
        {
            var names = new List<string>();
            for (var p = Libbpf.ObjectNextProgram(Handle, 0); p != 0; p = Libbpf.ObjectNextProgram(Handle, p))
            {
                names.Add(Libbpf.Name(Libbpf.ProgramName(p)));
            }
            return names;
        }
    }

    public uint GetMaxEntries(string map) => Libbpf.MapMaxEntries(FindMap(map));

    public void SetMaxEntries(string map, uint maxEntries)
    {
        EnsureNotLoaded();
        BpfException.Check(Libbpf.MapSetMaxEntries(FindMap(map), maxEntries), "set max_entries of", map);
    }

    /// <summary>
    /// Gives a map of maps its inner-map template: an existing map of the exact type, sizes and flags every inner map
    /// will have (libbpf 1.1 cannot resize the template declared in the object).
    /// </summary>
    public void SetInnerMapTemplate(string map, BpfMap template)
    {
        EnsureNotLoaded();
        BpfException.Check(Libbpf.MapSetInnerMapFd(FindMap(map), template.Fd.Value), "set inner map template of", map);
    }

    /// <summary>
    /// Pins the map at <paramref name="path"/> on load; if a map is already pinned there (and has the same shape),
    /// the object uses that one instead of creating a new map.
    /// </summary>
    public void SetPinPath(string map, string path)
    {
        EnsureNotLoaded();
        BpfException.Check(Libbpf.MapSetPinPath(FindMap(map), path), "set pin path of", map);
    }

    /// <summary>Makes the object use an existing map instead of creating <paramref name="map"/>.</summary>
    public void ReuseMap(string map, BpfMap existing)
    {
        EnsureNotLoaded();
        BpfException.Check(Libbpf.MapReuseFd(FindMap(map), existing.Fd.Value), "reuse map for", map);
    }

    /// <summary>Sets a <c>const volatile</c> global in .rodata: the verifier then sees it as a constant.</summary>
    public unsafe void SetConstant<T>(string variable, T value)
        where T : unmanaged
    {
        EnsureNotLoaded();
        var rodata = FindInternalMap(".rodata") ?? throw new BpfException("set constant", $"{variable} in {Name}", Errno.ENOENT, "the object has no .rodata");
        using var btf = Btf.Borrow(Libbpf.ObjectBtf(Handle), Name);
        if (!btf.SectionVariables(".rodata").TryGetValue(variable, out var slot))
        {
            throw new BpfException("set constant", $"{variable} in {Name}", Errno.ENOENT);
        }
        if (slot.Size != sizeof(T))
        {
            throw new BpfException("set constant", $"{variable} in {Name}", Errno.EINVAL, $"it is {slot.Size} bytes, the value {sizeof(T)}");
        }
        var current = Libbpf.MapInitialValue(rodata, out var size);
        var image = new byte[(int)size];
        new ReadOnlySpan<byte>((void*)current, (int)size).CopyTo(image);
        Unsafe.WriteUnaligned(ref image[slot.Offset], value);
        fixed (byte* p = image)
        {
            BpfException.Check(Libbpf.MapSetInitialValue(rodata, p, size), "set constant", $"{variable} in {Name}");
        }
    }

    /// <summary>Creates (or reuses) the maps and loads every program through the verifier.</summary>
    public void Load()
    {
        EnsureNotLoaded();
        Libbpf.BeginLog();
        var rc = Libbpf.ObjectLoad(Handle);
        var log = Libbpf.TakeLog();
        if (rc < 0)
        {
            throw new BpfException("load", Name, BpfException.ErrnoOf(rc), Tail(log, 60));
        }
        IsLoaded = true;
    }

    /// <summary>The loaded map as a typed map with its own descriptor; <paramref name="displayName"/> names it in errors.</summary>
    public BpfMap<TKey, TValue> GetMap<TKey, TValue>(string map, string? displayName = null)
        where TKey : unmanaged
        where TValue : unmanaged => new(DupMapFd(map), displayName ?? map);

    public PerCpuMap<TKey, TValue> GetPerCpuMap<TKey, TValue>(string map)
        where TKey : unmanaged
        where TValue : unmanaged => new(DupMapFd(map), map);

    public BpfMap GetMap(string map) => BpfMap.OpenFromFd(DupMapFd(map), map);

    public BpfProgram GetProgram(string name)
    {
        EnsureLoaded();
        var prog = Libbpf.ObjectFindProgramByName(Handle, name);
        if (prog == 0)
        {
            throw new BpfException("find program", $"{name} in {Name}", Errno.ENOENT);
        }
        var fd = Libbpf.ProgramFd(prog);
        if (fd < 0)
        {
            throw new BpfException("find program", $"{name} in {Name}", BpfException.ErrnoOf(fd), "it was not loaded");
        }
        return new BpfProgram(BpfFd.Duplicate(fd, name), name);
    }

    public void Dispose()
    {
        var obj = Interlocked.Exchange(ref _obj, 0);
        if (obj != 0)
        {
            Libbpf.ObjectClose(obj);
        }
    }

    private nint Handle => _obj != 0 ? _obj : throw new ObjectDisposedException(Name);

    private BpfFd DupMapFd(string map)
    {
        EnsureLoaded();
        var fd = Libbpf.MapFd(FindMap(map));
        if (fd < 0)
        {
            throw new BpfException("find map", $"{map} in {Name}", BpfException.ErrnoOf(fd), "it was not created");
        }
        return BpfFd.Duplicate(fd, map);
    }

    private nint FindMap(string map)
    {
        var m = Libbpf.ObjectFindMapByName(Handle, map);
        return m != 0 ? m : throw new BpfException("find map", $"{map} in {Name}", Errno.ENOENT);
    }

    private nint? FindInternalMap(string suffix)
    {
        for (var m = Libbpf.ObjectNextMap(Handle, 0); m != 0; m = Libbpf.ObjectNextMap(Handle, m))
        {
            if (Libbpf.MapIsInternal(m) && Libbpf.Name(Libbpf.MapName(m)).EndsWith(suffix, StringComparison.Ordinal))
            {
                return m;
            }
        }
        return null;
    }

    private void EnsureNotLoaded()
    {
        if (IsLoaded)
        {
            throw new InvalidOperationException($"{Name} is already loaded: configure it before Load()");
        }
    }

    private void EnsureLoaded()
    {
        if (!IsLoaded)
        {
            throw new InvalidOperationException($"{Name} is not loaded yet");
        }
    }

    private static string Tail(string log, int lines)
    {
        var all = log.Split('\n');
        return all.Length <= lines ? log : string.Join('\n', all[^lines..]);
    }
}
