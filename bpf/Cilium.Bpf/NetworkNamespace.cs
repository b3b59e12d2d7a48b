using System.Runtime.ExceptionServices;
using Cilium.Bpf.Interop;

namespace Cilium.Bpf;

/// <summary>
/// A network namespace to do work in. setns(2) changes only the calling thread, so <see cref="Run{T}"/> does the
/// work on a dedicated thread that enters the namespace, runs the delegate and goes back to where it came from
/// before it ends; no thread-pool thread ever changes namespace. Sockets and netlink handles created inside stay
/// in that namespace when used from other threads afterwards.
/// </summary>
public sealed class NetworkNamespace
{
    private NetworkNamespace(string path, string name)
    {
        Path = path;
        Name = name;
    }

    /// <summary>The bind-mount or procfs path of the namespace, e.g. <c>/var/run/netns/node-1</c>.</summary>
    public string Path { get; }

    public string Name { get; }

    /// <summary>A namespace made by <c>ip netns add <paramref name="name"/></c>.</summary>
    public static NetworkNamespace Named(string name) => new($"/var/run/netns/{name}", name);

    /// <summary>The namespace a process is in.</summary>
    public static NetworkNamespace OfProcess(int pid) => new($"/proc/{pid}/ns/net", $"pid {pid}");

    public static NetworkNamespace FromPath(string path) => new(path, path);

    public static T Run<T>(string name, Func<T> work) => Named(name).Run(work);

    public void Run(Action work) => Run<object?>(() =>
    {
        work();
        return null;
    });

    public T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = RunHere(work);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        })
        {
            IsBackground = true,
            Name = $"netns {Name}",
        };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    /// <summary>The index of an interface as seen inside this namespace.</summary>
    public int InterfaceIndex(string interfaceName) => Run(() =>
    {
        var index = Libc.IfNameToIndex(interfaceName);
        return index != 0 ? (int)index : throw new BpfException("find interface", $"{interfaceName} in netns {Name}", BpfException.LastErrno());
    });

    public override string ToString() => Name;

    private T RunHere<T>(Func<T> work)
    {
        var home = Libc.Open("/proc/thread-self/ns/net", Libc.ORdOnly | Libc.OCloexec);
        if (home < 0)
        {
            throw new BpfException("open", "/proc/thread-self/ns/net", BpfException.LastErrno());
        }
        using var homeFd = new BpfFd(home);
        var target = Libc.Open(Path, Libc.ORdOnly | Libc.OCloexec);
        if (target < 0)
        {
            throw new BpfException("open netns", $"{Name} ({Path})", BpfException.LastErrno());
        }
        using (var targetFd = new BpfFd(target))
        {
            if (Libc.SetNs(targetFd.Value, Libc.CloneNewNet) != 0)
            {
                throw new BpfException("enter netns", Name, BpfException.LastErrno());
            }
        }
        try
        {
            return work();
        }
        finally
        {
            if (Libc.SetNs(homeFd.Value, Libc.CloneNewNet) != 0)
            {
                // The thread is about to end anyway, but it must not do anything else in the wrong namespace.
                Environment.FailFast($"could not return from netns {Name}: errno {BpfException.LastErrno()}");
            }
        }
    }
}
