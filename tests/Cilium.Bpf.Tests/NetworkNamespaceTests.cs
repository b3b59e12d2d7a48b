using Cilium.Bpf.Tests.Lab;
using Xunit;

namespace Cilium.Bpf.Tests;

public sealed class NetworkNamespaceTests
{
    private static string CurrentThreadNetns() => new FileInfo("/proc/thread-self/ns/net").LinkTarget!;

    [Fact]
    public void Run_NamedNamespace_WorksInsideAndLeavesTheCallerWhereItWas()
    {
        using var lab = NodeLab.Create(1);
        var before = CurrentThreadNetns();
        var callerThread = Environment.CurrentManagedThreadId;

        var (inside, thread, ifindex) = lab.Node.Run(() => (CurrentThreadNetns(), Environment.CurrentManagedThreadId, lab.Node.InterfaceIndex(lab[1].HostVeth)));

        Assert.NotEqual(before, inside);
        Assert.NotEqual(callerThread, thread);
        Assert.Equal(lab[1].HostIfindex, ifindex);
        Assert.Equal(before, CurrentThreadNetns());
        Assert.Equal(inside, NetworkNamespace.Run(lab.NodeNetns, CurrentThreadNetns));
    }

    [Fact]
    public void Run_DelegateThrows_ExceptionReachesTheCaller()
    {
        using var lab = NodeLab.Create(0);

        var e = Assert.Throws<InvalidOperationException>(() => lab.Node.Run(new Action(() => throw new InvalidOperationException("boom"))));

        Assert.Equal("boom", e.Message);
    }

    [Fact]
    public void Run_NamespaceDoesNotExist_ThrowsNamingIt()
    {
        Prerequisites.Require();

        var e = Assert.Throws<BpfException>(() => NetworkNamespace.Named("cbt-missing-ns").Run(() => 1));

        Assert.Contains("cbt-missing-ns", e.Message, StringComparison.Ordinal);
        Assert.Equal(Errno.ENOENT, e.ErrorCode);
    }

    [Fact]
    public void InterfaceIndex_InterfaceOnlyInAnotherNamespace_Throws()
    {
        using var lab = NodeLab.Create(1);

        Assert.Throws<BpfException>(() => NetworkNamespace.OfProcess(Environment.ProcessId).InterfaceIndex(lab[1].HostVeth));
    }
}
