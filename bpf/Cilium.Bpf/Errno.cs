namespace Cilium.Bpf;

/// <summary>Linux errno values the binding names in its messages, with what they mean for a BPF call.</summary>
public static class Errno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int E2BIG = 7;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EFAULT = 14;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENOSPC = 28;
    public const int ERANGE = 34;
    public const int EOPNOTSUPP = 95;
    public const int ENOTSUPP = 524;

    public static string Name(int errno) => errno switch
    {
        EPERM => "EPERM",
        ENOENT => "ENOENT",
        ESRCH => "ESRCH",
        EINTR => "EINTR",
        E2BIG => "E2BIG",
        EBADF => "EBADF",
        EAGAIN => "EAGAIN",
        ENOMEM => "ENOMEM",
        EACCES => "EACCES",
        EFAULT => "EFAULT",
        EBUSY => "EBUSY",
        EEXIST => "EEXIST",
        ENODEV => "ENODEV",
        EINVAL => "EINVAL",
        ENOSPC => "ENOSPC",
        ERANGE => "ERANGE",
        EOPNOTSUPP => "EOPNOTSUPP",
        ENOTSUPP => "ENOTSUPP",
        _ => $"errno {errno}",
    };

    /// <summary>What the errno usually means for the BPF operation, for the exception message.</summary>
    public static string Explain(int errno, string operation) => errno switch
    {
        EPERM => "operation not permitted: run as root, or grant CAP_BPF + CAP_NET_ADMIN (CAP_SYS_ADMIN on older kernels) and a large enough RLIMIT_MEMLOCK",
        EACCES => operation.StartsWith("load", StringComparison.Ordinal)
            ? "the verifier rejected the program (log below), or CAP_BPF is missing"
            : "permission denied: root or CAP_BPF is required",
        E2BIG => operation.StartsWith("update", StringComparison.Ordinal) ? "map full" : "argument too big",
        ENOSPC => operation.StartsWith("update", StringComparison.Ordinal) ? "map full" : "no space left",
        ENOENT => "not found",
        EEXIST => "already exists",
        ENOMEM => "out of memory (kernel memory for maps, or RLIMIT_MEMLOCK)",
        EINVAL => "invalid argument (wrong key/value size, flags, or a map that does not fit the object)",
        ENODEV => "no such device (interface index not in this network namespace)",
        EBUSY => "busy",
        EOPNOTSUPP or ENOTSUPP => "not supported by this kernel",
        _ => "",
    };
}
