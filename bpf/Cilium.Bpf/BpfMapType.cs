namespace Cilium.Bpf;

/// <summary>The map types (enum bpf_map_type) the binding creates itself; objects declare the rest.</summary>
public enum BpfMapType : uint
{
    Hash = 1,
    Array = 2,
    LpmTrie = 11,
    ArrayOfMaps = 12,
}

/// <summary>Map creation flags (BPF_F_*).</summary>
[Flags]
public enum BpfMapFlags : uint
{
    None = 0,

    /// <summary>BPF_F_NO_PREALLOC: required for LPM tries.</summary>
    NoPrealloc = 1,
}
