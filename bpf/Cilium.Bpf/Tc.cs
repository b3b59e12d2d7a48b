using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>The tc hook of an interface: ingress (packets the interface receives) or egress (packets it sends).</summary>
public enum TcHook
{
    Ingress = Libbpf.TcIngress,
    Egress = Libbpf.TcEgress,
}

/// <summary>
/// tc attachment with a clsact qdisc and a direct-action cls_bpf filter. A program is attached with a fixed
/// handle and priority and BPF_TC_F_REPLACE, so attaching a new program where one is attached swaps it in one
/// netlink request: no packet sees the hook empty.
/// </summary>
public static class Tc
{
    public const uint DefaultHandle = 1;
    public const uint DefaultPriority = 1;

    /// <summary>Attaches <paramref name="program"/> on the interface; <paramref name="netns"/> null = this process's namespace.</summary>
    public static unsafe void Attach(BpfProgram program, int ifindex, TcHook hook, NetworkNamespace? netns = null,
        uint handle = DefaultHandle, uint priority = DefaultPriority)
    {
        InNamespace(netns, () =>
        {
            var h = Hook(ifindex, hook);
            var rc = Libbpf.TcHookCreate(&h);
            if (rc < 0 && BpfException.ErrnoOf(rc) != Errno.EEXIST)
            {
                throw new BpfException("create clsact on", Where(ifindex, netns), BpfException.ErrnoOf(rc));
            }
            var opts = new Libbpf.TcOpts
            {
                Size = (nuint)sizeof(Libbpf.TcOpts),
                ProgFd = program.Fd.Value,
                Flags = Libbpf.TcFlagReplace,
                Handle = handle,
                Priority = priority,
            };
            BpfException.Check(Libbpf.TcAttach(&h, &opts), $"attach {program.Name} to tc {hook.ToString().ToLowerInvariant()} of", Where(ifindex, netns));
            return 0;
        });
    }

    /// <summary>Removes the filter; false when none was attached there.</summary>
    public static unsafe bool Detach(int ifindex, TcHook hook, NetworkNamespace? netns = null,
        uint handle = DefaultHandle, uint priority = DefaultPriority)
    {
        return InNamespace(netns, () =>
        {
            var h = Hook(ifindex, hook);
            var opts = new Libbpf.TcOpts { Size = (nuint)sizeof(Libbpf.TcOpts), Handle = handle, Priority = priority };
            var rc = Libbpf.TcDetach(&h, &opts);
            if (rc == 0)
            {
                return true;
            }
            var errno = BpfException.ErrnoOf(rc);
            return errno is Errno.ENOENT or Errno.EINVAL or Errno.ENODEV
                ? false
                : throw new BpfException($"detach from tc {hook.ToString().ToLowerInvariant()} of", Where(ifindex, netns), errno);
        });
    }

    /// <summary>The id of the program attached at the hook, or null.</summary>
    public static unsafe uint? Query(int ifindex, TcHook hook, NetworkNamespace? netns = null,
        uint handle = DefaultHandle, uint priority = DefaultPriority)
    {
        return InNamespace(netns, () =>
        {
            var h = Hook(ifindex, hook);
            var opts = new Libbpf.TcOpts { Size = (nuint)sizeof(Libbpf.TcOpts), Handle = handle, Priority = priority };
            var rc = Libbpf.TcQuery(&h, &opts);
            if (rc == 0)
            {
                return (uint?)opts.ProgId;
            }
            var errno = BpfException.ErrnoOf(rc);
            return errno is Errno.ENOENT or Errno.EINVAL ? null : throw new BpfException("query tc of", Where(ifindex, netns), errno);
        });
    }

    private static Libbpf.TcHook Hook(int ifindex, TcHook hook) => new()
    {
        Size = (nuint)System.Runtime.CompilerServices.Unsafe.SizeOf<Libbpf.TcHook>(),
        Ifindex = ifindex,
        AttachPoint = (int)hook,
    };

    private static string Where(int ifindex, NetworkNamespace? netns) => netns is null ? $"ifindex {ifindex}" : $"ifindex {ifindex} in netns {netns.Name}";

    private static T InNamespace<T>(NetworkNamespace? netns, Func<T> work) => netns is null ? work() : netns.Run(work);
}
