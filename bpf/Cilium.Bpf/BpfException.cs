using System.Runtime.InteropServices;

namespace Cilium.Bpf;

/// <summary>
/// The one exception of the binding: every libbpf or kernel error, naming the operation, the object it was
/// applied to and the errno, e.g. <c>update cilium_policy_v2_00042: E2BIG, map full</c>.
/// </summary>
public sealed class BpfException : Exception
{
    public BpfException(string operation, string target, int errno, string? detail = null)
        : base(Format(operation, target, errno, detail))
    {
        Operation = operation;
        Target = target;
        ErrorCode = errno;
        Detail = detail;
    }

    public BpfException()
        : this("bpf", "", 0)
    {
    }

    public BpfException(string message)
        : base(message)
    {
        Operation = "bpf";
        Target = "";
    }

    public BpfException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "bpf";
        Target = "";
    }

    public string Operation { get; }
    public string Target { get; }

    /// <summary>The errno (positive), 0 when the failure did not come from the kernel.</summary>
    public int ErrorCode { get; }

    /// <summary>Extra text: the verifier log of a failed load, or a hint.</summary>
    public string? Detail { get; }

    public bool IsMapFull => ErrorCode is Errno.E2BIG or Errno.ENOSPC && Operation.StartsWith("update", StringComparison.Ordinal);

    /// <summary>Throws for a libbpf return value: negative errno (libbpf 1.x) or -1 with errno set.</summary>
    internal static int Check(int result, string operation, string target)
    {
        if (result >= 0)
        {
            return result;
        }
        throw new BpfException(operation, target, ErrnoOf(result));
    }

    internal static int ErrnoOf(int result)
    {
        if (result < -1)
        {
            return -result;
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno != 0 ? errno : -result;
    }

    internal static int LastErrno()
    {
        var errno = Marshal.GetLastPInvokeError();
        return errno != 0 ? errno : Errno.EINVAL;
    }

    private static string Format(string operation, string target, int errno, string? detail)
    {
        var text = errno == 0 ? $"{operation} {target}".TrimEnd() : $"{operation} {target}: {Errno.Name(errno)}".Replace(" :", ":", StringComparison.Ordinal);
        var explain = errno == 0 ? "" : Errno.Explain(errno, operation);
        if (explain.Length > 0)
        {
            text += ", " + explain;
        }
        if (!string.IsNullOrEmpty(detail))
        {
            text += "\n" + detail;
        }
        return text;
    }
}
