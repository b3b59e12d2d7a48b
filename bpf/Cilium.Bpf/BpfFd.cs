using System.Runtime.InteropServices;
using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>A file descriptor of a BPF map, program or namespace, closed exactly once.</summary>
public sealed class BpfFd : SafeHandle
{
    public BpfFd(int fd)
        : base(-1, ownsHandle: true) => SetHandle(fd);

    public BpfFd()
        : base(-1, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle < 0;

    /// <summary>The raw descriptor; valid while this handle is alive.</summary>
    public int Value => IsClosed ? throw new ObjectDisposedException(nameof(BpfFd)) : (int)handle;

    /// <summary>A new descriptor of the same kernel object, owned by the caller (O_CLOEXEC).</summary>
    public static BpfFd Duplicate(int fd, string what)
    {
        var copy = Libc.Fcntl(fd, Libc.FDupFdCloexec, 3);
        if (copy < 0)
        {
            throw new BpfException("dup", what, BpfException.LastErrno());
        }
        return new BpfFd(copy);
    }

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
