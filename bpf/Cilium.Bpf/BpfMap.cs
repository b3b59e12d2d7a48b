using System.Runtime.CompilerServices;
using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>How <c>Update</c> treats an existing key (BPF_ANY / BPF_NOEXIST / BPF_EXIST).</summary>
public enum MapUpdate : ulong
{
    Any = 0,
    NoExist = 1,
    Exist = 2,
}

/// <summary>
/// A BPF map this process holds a descriptor of, with its kernel-reported shape. Typed access is in
/// <see cref="BpfMap{TKey, TValue}"/> and <see cref="PerCpuMap{TKey, TValue}"/>.
/// </summary>
public class BpfMap : IDisposable
{
    private protected BpfMap(BpfFd fd, string name)
    {
        Fd = fd;
        Name = name;
        var info = GetInfo(fd, name);
        Type = (int)info.Type;
        Id = info.Id;
        KeySize = (int)info.KeySize;
        ValueSize = (int)info.ValueSize;
        MaxEntries = info.MaxEntries;
    }

    public BpfFd Fd { get; }

    /// <summary>The full map name (the kernel keeps only 15 characters; pins and messages use this one).</summary>
    public string Name { get; }

    public int Type { get; }
    public uint Id { get; }
    public int KeySize { get; }
    public int ValueSize { get; }
    public uint MaxEntries { get; }

    /// <summary>Opens a map pinned in bpffs. The name defaults to the pin's file name.</summary>
    public static BpfMap OpenPinned(string path, string? name = null) => new(OpenPinnedFd(path, name), name ?? System.IO.Path.GetFileName(path));

    internal static BpfMap OpenFromFd(BpfFd fd, string name) => new(fd, name);

    /// <summary>
    /// Creates a map outside any object (bpf_map_create), e.g. the inner maps of a map of maps. The kernel keeps 15
    /// characters of <paramref name="name"/>.
    /// </summary>
    internal static unsafe BpfFd CreateFd(BpfMapType type, string name, int keySize, int valueSize, uint maxEntries, BpfMapFlags flags)
    {
        var opts = new Libbpf.MapCreateOpts { Size = (nuint)sizeof(Libbpf.MapCreateOpts), MapFlags = (uint)flags };
        var kernelName = name.Length > 15 ? name[..15] : name;
        var fd = Libbpf.MapCreate((uint)type, kernelName, (uint)keySize, (uint)valueSize, maxEntries, &opts);
        if (fd < 0)
        {
            throw new BpfException("create", $"{name} ({type}, max {maxEntries})", BpfException.ErrnoOf(fd));
        }
        return new BpfFd(fd);
    }

    internal static BpfFd OpenPinnedFd(string path, string? name)
    {
        var fd = Libbpf.ObjGet(path);
        if (fd < 0)
        {
            throw new BpfException("open pinned", $"{name ?? System.IO.Path.GetFileName(path)} ({path})", BpfException.ErrnoOf(fd));
        }
        return new BpfFd(fd);
    }

    /// <summary>Pins the map at <paramref name="path"/>; it then outlives every descriptor of this process.</summary>
    public void Pin(string path) => BpfException.Check(Libbpf.ObjPin(Fd.Value, path), "pin", $"{Name} at {path}");

    public void Dispose()
    {
        Fd.Dispose();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => $"{Name} (id {Id}, type {Type}, key {KeySize} B, value {ValueSize} B, max {MaxEntries})";

    internal static unsafe Libbpf.MapInfo GetInfo(BpfFd fd, string name)
    {
        Libbpf.MapInfo info = default;
        var length = (uint)sizeof(Libbpf.MapInfo);
        BpfException.Check(Libbpf.ObjGetInfoByFd(fd.Value, &info, ref length), "get info of", name);
        return info;
    }

    private protected void CheckShape(int keySize, int valueSize)
    {
        if (KeySize != keySize || ValueSize != valueSize)
        {
            throw new BpfException("open", Name, Errno.EINVAL,
                $"the map has key {KeySize} B / value {ValueSize} B, the C# mirror has key {keySize} B / value {valueSize} B: the mirror no longer matches bpf/include/cilium_maps.h");
        }
    }
}

/// <summary>
/// Typed access to a hash, LRU, array or LPM-trie map. Keys and values are the unmanaged mirrors of the structs in
/// <c>bpf/include/cilium_maps.h</c>; their sizes are checked against the kernel's when the map is opened.
/// </summary>
public class BpfMap<TKey, TValue> : BpfMap
    where TKey : unmanaged
    where TValue : unmanaged
{
    public BpfMap(BpfFd fd, string name)
        : base(fd, name) => CheckShape(Unsafe.SizeOf<TKey>(), Unsafe.SizeOf<TValue>());

    public static new BpfMap<TKey, TValue> OpenPinned(string path, string? name = null) =>
        new(OpenPinnedFd(path, name), name ?? System.IO.Path.GetFileName(path));

    public unsafe bool TryLookup(in TKey key, out TValue value)
    {
        value = default;
        fixed (TKey* k = &key)
        fixed (TValue* v = &value)
        {
            var rc = Libbpf.MapLookupElem(Fd.Value, k, v);
            if (rc == 0)
            {
                return true;
            }
            var errno = BpfException.ErrnoOf(rc);
            return errno == Errno.ENOENT ? false : throw new BpfException("lookup", Name, errno);
        }
    }

    public TValue? Lookup(in TKey key) => TryLookup(key, out var value) ? value : null;

    public unsafe void Update(in TKey key, in TValue value, MapUpdate flags = MapUpdate.Any)
    {
        fixed (TKey* k = &key)
        fixed (TValue* v = &value)
        {
            BpfException.Check(Libbpf.MapUpdateElem(Fd.Value, k, v, (ulong)flags), "update", Name);
        }
    }

    /// <summary>Removes the key; false when it was not there.</summary>
    public unsafe bool Delete(in TKey key)
    {
        fixed (TKey* k = &key)
        {
            var rc = Libbpf.MapDeleteElem(Fd.Value, k);
            if (rc == 0)
            {
                return true;
            }
            var errno = BpfException.ErrnoOf(rc);
            return errno == Errno.ENOENT ? false : throw new BpfException("delete", Name, errno);
        }
    }

    /// <summary>Every key, by get_next_key. Keys added or removed meanwhile may or may not be seen.</summary>
    public IEnumerable<TKey> Keys()
    {
        var current = default(TKey);
        var first = true;
        while (NextKey(first, ref current))
        {
            first = false;
            yield return current;
        }
    }

    /// <summary>Every entry; entries deleted between the key walk and their lookup are skipped.</summary>
    public IEnumerable<KeyValuePair<TKey, TValue>> Iterate()
    {
        foreach (var key in Keys())
        {
            if (TryLookup(key, out var value))
            {
                yield return new(key, value);
            }
        }
    }

    /// <summary>
    /// Writes many entries in one system call where the map type supports it (hash, LRU, array), one by one where
    /// it does not (LPM trie). Returns how many were written; a failure names the first key that did not fit.
    /// </summary>
    public unsafe int UpdateBatch(ReadOnlySpan<TKey> keys, ReadOnlySpan<TValue> values, MapUpdate flags = MapUpdate.Any)
    {
        if (keys.Length != values.Length)
        {
            throw new ArgumentException("keys and values differ in length", nameof(values));
        }
        if (keys.IsEmpty)
        {
            return 0;
        }
        var count = (uint)keys.Length;
        var opts = new Libbpf.BatchOpts { Size = (nuint)sizeof(Libbpf.BatchOpts), ElemFlags = (ulong)flags };
        fixed (TKey* k = keys)
        fixed (TValue* v = values)
        {
            var rc = Libbpf.MapUpdateBatch(Fd.Value, k, v, ref count, &opts);
            if (rc == 0)
            {
                return (int)count;
            }
            var errno = BpfException.ErrnoOf(rc);
            if (!IsBatchUnsupported(errno))
            {
                throw new BpfException("update", Name, errno, $"batch stopped after {count} of {keys.Length} entries");
            }
        }
        for (var i = 0; i < keys.Length; i++)
        {
            Update(keys[i], values[i], flags);
        }
        return keys.Length;
    }

    /// <summary>Deletes many keys (batch where supported); keys that were not there are not counted.</summary>
    public unsafe int DeleteBatch(ReadOnlySpan<TKey> keys)
    {
        if (keys.IsEmpty)
        {
            return 0;
        }
        var count = (uint)keys.Length;
        var opts = new Libbpf.BatchOpts { Size = (nuint)sizeof(Libbpf.BatchOpts) };
        fixed (TKey* k = keys)
        {
            var rc = Libbpf.MapDeleteBatch(Fd.Value, k, ref count, &opts);
            if (rc == 0)
            {
                return (int)count;
            }
            var errno = BpfException.ErrnoOf(rc);
            if (!IsBatchUnsupported(errno) && errno != Errno.ENOENT)
            {
                throw new BpfException("delete", Name, errno, $"batch stopped after {count} of {keys.Length} keys");
            }
        }
        var deleted = 0;
        foreach (var key in keys)
        {
            deleted += Delete(key) ? 1 : 0;
        }
        return deleted;
    }

    /// <summary>Deletes every entry.</summary>
    public int Clear()
    {
        var keys = Keys().ToArray();
        return DeleteBatch(keys);
    }

    private static bool IsBatchUnsupported(int errno) => errno is Errno.EINVAL or Errno.ENOTSUPP or Errno.EOPNOTSUPP;

    private unsafe bool NextKey(bool first, ref TKey current)
    {
        TKey next;
        fixed (TKey* k = &current)
        {
            var rc = Libbpf.MapGetNextKey(Fd.Value, first ? null : k, &next);
            if (rc != 0)
            {
                var errno = BpfException.ErrnoOf(rc);
                return errno == Errno.ENOENT ? false : throw new BpfException("iterate", Name, errno);
            }
        }
        current = next;
        return true;
    }
}

/// <summary>A per-CPU hash or array: one value per possible CPU, each padded to 8 bytes by the kernel.</summary>
public sealed class PerCpuMap<TKey, TValue> : BpfMap
    where TKey : unmanaged
    where TValue : unmanaged
{
    private readonly int _stride = (Unsafe.SizeOf<TValue>() + 7) & ~7;

    public PerCpuMap(BpfFd fd, string name)
        : base(fd, name) => CheckShape(Unsafe.SizeOf<TKey>(), Unsafe.SizeOf<TValue>());

    public static new PerCpuMap<TKey, TValue> OpenPinned(string path, string? name = null) =>
        new(OpenPinnedFd(path, name), name ?? System.IO.Path.GetFileName(path));

    public static int PossibleCpus { get; } = Math.Max(1, Libbpf.NumPossibleCpus());

    /// <summary>The value of every possible CPU, or null when the key is absent.</summary>
    public unsafe TValue[]? Lookup(in TKey key)
    {
        var buffer = new byte[_stride * PossibleCpus];
        fixed (TKey* k = &key)
        fixed (byte* v = buffer)
        {
            var rc = Libbpf.MapLookupElem(Fd.Value, k, v);
            if (rc != 0)
            {
                var errno = BpfException.ErrnoOf(rc);
                return errno == Errno.ENOENT ? null : throw new BpfException("lookup", Name, errno);
            }
            var values = new TValue[PossibleCpus];
            for (var cpu = 0; cpu < values.Length; cpu++)
            {
                values[cpu] = Unsafe.ReadUnaligned<TValue>(v + (cpu * _stride));
            }
            return values;
        }
    }

    /// <summary>Sets the same value on every CPU.</summary>
    public unsafe void Update(in TKey key, in TValue value, MapUpdate flags = MapUpdate.Any)
    {
        var buffer = new byte[_stride * PossibleCpus];
        fixed (TKey* k = &key)
        fixed (byte* v = buffer)
        {
            for (var cpu = 0; cpu < PossibleCpus; cpu++)
            {
                Unsafe.WriteUnaligned(v + (cpu * _stride), value);
            }
            BpfException.Check(Libbpf.MapUpdateElem(Fd.Value, k, v, (ulong)flags), "update", Name);
        }
    }

    public unsafe bool Delete(in TKey key)
    {
        fixed (TKey* k = &key)
        {
            var rc = Libbpf.MapDeleteElem(Fd.Value, k);
            if (rc == 0)
            {
                return true;
            }
            var errno = BpfException.ErrnoOf(rc);
            return errno == Errno.ENOENT ? false : throw new BpfException("delete", Name, errno);
        }
    }

    public IEnumerable<TKey> Keys()
    {
        var current = default(TKey);
        var first = true;
        while (true)
        {
            if (!NextKey(first, ref current))
            {
                yield break;
            }
            first = false;
            yield return current;
        }
    }

    private unsafe bool NextKey(bool first, ref TKey current)
    {
        TKey next;
        fixed (TKey* k = &current)
        {
            var rc = Libbpf.MapGetNextKey(Fd.Value, first ? null : k, &next);
            if (rc != 0)
            {
                var errno = BpfException.ErrnoOf(rc);
                return errno == Errno.ENOENT ? false : throw new BpfException("iterate", Name, errno);
            }
        }
        current = next;
        return true;
    }
}
