using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>The BPF filesystem, where maps and programs are pinned.</summary>
public static class Bpffs
{
    public const string DefaultMount = "/sys/fs/bpf";
    private const long Magic = 0xcafe4a11;

    /// <summary>True when <paramref name="path"/> exists and lies on a bpf filesystem.</summary>
    public static bool IsBpffs(string path) => StatFs.Magic(path) == Magic;

    /// <summary>Throws unless <paramref name="root"/> is, or would be created, inside a bpffs mount.</summary>
    public static void Require(string root)
    {
        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            if (dir.Exists)
            {
                if (IsBpffs(dir.FullName))
                {
                    return;
                }
                break;
            }
        }
        throw new BpfException("open bpffs", root, Errno.ENOENT,
            "the path is not on a bpf filesystem: mount it first (mount -t bpf bpf /sys/fs/bpf; scripts/prereqs.sh does) and pass a directory below it");
    }
}
