using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Cilium.Cni.Network.Netlink;

/// <summary>
/// An rtnetlink socket bound to one network namespace: a socket acts in the namespace it was created in, so the
/// calling thread enters the target namespace only for the <c>socket()</c> call and goes straight back (setns is
/// per thread; no await in between). Requests are sent one at a time and each waits for its ack, so an error names
/// the exact operation, as <c>ip -batch</c> does.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    private const ushort NlmsgError = 2;
    private readonly FileDescriptor _fd;
    private uint _sequence;

    private NetlinkSocket(FileDescriptor fd, string where)
    {
        _fd = fd;
        Where = where;
    }

    /// <summary>"the node's namespace" or "namespace /var/run/netns/x", for messages.</summary>
    public string Where { get; }

    /// <summary>A socket in this thread's namespace (<paramref name="netnsPath"/> null) or in the namespace at that path.</summary>
    public static NetlinkSocket Open(string? netnsPath)
    {
        if (netnsPath is null)
        {
            return new NetlinkSocket(CreateSocket(), "the node's namespace");
        }
        using var target = FileDescriptor.OpenNamespace(netnsPath);
        using var home = FileDescriptor.OpenNamespace("/proc/thread-self/ns/net");
        Enter(target, netnsPath);
        FileDescriptor socket;
        try
        {
            socket = CreateSocket();
        }
        finally
        {
            // A thread left in the pod's namespace would do the node's work in the wrong place: fail hard instead.
            if (Interop.SetNs(home.Fd, Interop.CloneNewNet) != 0)
            {
                Environment.FailFast($"cannot return to the node's network namespace: {Interop.ErrnoText(Marshal.GetLastPInvokeError())}");
            }
        }
        return new NetlinkSocket(socket, $"namespace {netnsPath}");
    }

    /// <summary>Sends <paramref name="message"/> (which asks for an ack); returns 0 or the kernel's errno.</summary>
    public int TrySend(NetlinkMessage message) => Exchange(message).Errno;

    /// <summary>The ifindex of <paramref name="name"/> in this socket's namespace (<c>RTM_GETLINK</c>); 0 when there is none.</summary>
    public int LinkIndex(string name)
    {
        var request = new NetlinkMessage(Rtm.GetLink, Nlm.Request, $"link show {name}").IfInfo().Attr(Ifla.IfName, name);
        var (errno, index) = Exchange(request);
        return errno switch
        {
            0 => index,
            Errno.NoDevice => 0,
            _ => throw Failed(request, errno),
        };
    }

    /// <summary>Sends, then reads until the answer to this request: an error/ack, or the link a GETLINK asked for.</summary>
    private (int Errno, int LinkIndex) Exchange(NetlinkMessage message)
    {
        var sequence = ++_sequence;
        var bytes = message.ToArray(sequence);
        unsafe
        {
            fixed (byte* p = bytes)
            {
                if (Interop.Send(_fd.Fd, p, (nuint)bytes.Length, 0) < 0)
                {
                    throw Failed(message, Marshal.GetLastPInvokeError());
                }
            }
        }
        var buffer = new byte[8192];
        while (true)
        {
            nint received;
            unsafe
            {
                fixed (byte* p = buffer)
                {
                    received = Interop.Recv(_fd.Fd, p, (nuint)buffer.Length, 0);
                }
            }
            if (received < 0)
            {
                throw Failed(message, Marshal.GetLastPInvokeError());
            }
            for (var offset = 0; offset + NetlinkMessage.HeaderLength <= received;)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset));
                var type = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset + 4));
                var seq = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(offset + 8));
                if (length < NetlinkMessage.HeaderLength)
                {
                    throw new NetworkCommandException($"netlink in {Where}: malformed answer to \"{message.Description}\"");
                }
                if (type == NlmsgError && seq == sequence)
                {
                    // struct nlmsgerr: a negative errno, 0 for the ack.
                    return (-BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset + NetlinkMessage.HeaderLength)), 0);
                }
                if (type == Rtm.NewLink && seq == sequence && message.Type == Rtm.GetLink)
                {
                    // struct ifinfomsg: ifi_index at offset 4.
                    return (0, BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(offset + NetlinkMessage.HeaderLength + 4)));
                }
                offset += (length + 3) & ~3;
            }
        }
    }

    /// <summary>Sends and throws <see cref="NetworkCommandException"/> on any error.</summary>
    public void Send(NetlinkMessage message)
    {
        var errno = TrySend(message);
        if (errno != 0)
        {
            throw Failed(message, errno);
        }
    }

    public NetworkCommandException Failed(NetlinkMessage message, int errno) =>
        new($"netlink in {Where}: \"{message.Description}\" failed: {Interop.ErrnoText(errno)}");

    public void Dispose() => _fd.Dispose();

    private static FileDescriptor CreateSocket()
    {
        var fd = Interop.Socket(Interop.AfNetlink, Interop.SockRaw | Interop.SockCloexec, Interop.NetlinkRoute);
        return fd >= 0 ? new FileDescriptor(fd) : throw new NetworkCommandException($"cannot open a netlink socket: {Interop.ErrnoText(Marshal.GetLastPInvokeError())}");
    }

    private static void Enter(FileDescriptor target, string path)
    {
        if (Interop.SetNs(target.Fd, Interop.CloneNewNet) != 0)
        {
            throw new NetworkCommandException($"cannot enter network namespace {path}: {Interop.ErrnoText(Marshal.GetLastPInvokeError())}");
        }
    }
}
