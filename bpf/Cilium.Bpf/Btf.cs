using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>Size and member offsets of a struct as the compiler laid it out, read from an object's BTF.</summary>
public sealed record BtfStruct(string Name, int Size, IReadOnlyDictionary<string, int> MemberOffsets);

/// <summary>
/// The BTF of a compiled object: what the C compiler made of the header. Tests compare the C# mirrors against it,
/// and <see cref="BpfObject"/> uses it to find the .rodata variables it configures.
/// </summary>
public sealed class Btf : IDisposable
{
    private readonly nint _btf;
    private readonly bool _owned;
    private readonly string _source;

    private Btf(nint btf, bool owned, string source)
    {
        _btf = btf;
        _owned = owned;
        _source = source;
    }

    public static Btf FromFile(string objectPath)
    {
        var btf = Libbpf.BtfParse(objectPath, 0);
        if (btf == 0)
        {
            throw new BpfException("read BTF of", objectPath, BpfException.LastErrno());
        }
        return new Btf(btf, owned: true, objectPath);
    }

    internal static Btf Borrow(nint btf, string source) => new(btf, owned: false, source);

    public unsafe BtfStruct Struct(string name)
    {
        var id = Libbpf.BtfFindByNameKind(_btf, name, Libbpf.BtfKindStruct);
        if (id < 0)
        {
            throw new BpfException("find struct", $"{name} in {_source}", -id);
        }
        var type = Libbpf.BtfTypeById(_btf, (uint)id);
        var members = (Libbpf.BtfMember*)(type + 1);
        var offsets = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < type->VLen; i++)
        {
            var bits = type->KindFlag ? members[i].Offset & 0xffffff : members[i].Offset;
            offsets[Libbpf.Name(Libbpf.BtfNameByOffset(_btf, members[i].NameOff))] = (int)(bits / 8);
        }
        return new BtfStruct(name, (int)type->SizeOrType, offsets);
    }

    /// <summary>Offset and size of every variable of a data section (".rodata").</summary>
    public unsafe IReadOnlyDictionary<string, (int Offset, int Size)> SectionVariables(string section)
    {
        var id = Libbpf.BtfFindByNameKind(_btf, section, Libbpf.BtfKindDatasec);
        if (id < 0)
        {
            throw new BpfException("find section", $"{section} in {_source}", -id);
        }
        var type = Libbpf.BtfTypeById(_btf, (uint)id);
        var vars = (Libbpf.BtfVarSecinfo*)(type + 1);
        var result = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        for (var i = 0; i < type->VLen; i++)
        {
            var variable = Libbpf.BtfTypeById(_btf, vars[i].Type);
            result[Libbpf.Name(Libbpf.BtfNameByOffset(_btf, variable->NameOff))] = ((int)vars[i].Offset, (int)vars[i].Size);
        }
        return result;
    }

    public void Dispose()
    {
        if (_owned)
        {
            Libbpf.BtfFree(_btf);
        }
    }
}
