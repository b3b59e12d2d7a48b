using Microsoft.Win32.SafeHandles;

namespace Cilium.Cni.Network.Netlink;

/// <summary>A raw fd (netlink socket, namespace file) closed exactly once.</summary>
internal sealed class FileDescriptor : SafeHandleZeroOrMinusOneIsInvalid
{
    public FileDescriptor(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => Interop.Close((int)handle) == 0;

    /// <summary>Opens a namespace file such as <c>/var/run/netns/x</c> or <c>/proc/self/ns/net</c>.</summary>
    public static FileDescriptor OpenNamespace(string path)
    {
        var fd = Interop.Open(path, Interop.ORdOnly | Interop.OCloexec);
        return fd >= 0
            ? new FileDescriptor(fd)
            : throw new NetworkCommandException($"cannot open network namespace {path}: {Interop.ErrnoText(System.Runtime.InteropServices.Marshal.GetLastPInvokeError())}");
    }
}
