using System.Diagnostics;
using Cilium.Bpf.Tests.Lab;
using Xunit;

namespace Cilium.Bpf.Tests;

public sealed class StaleRunsTests
{
    [Fact]
    public void Sweep_OwnerProcessGone_RemovesItsNamespacesAndPinsOnly()
    {
        Prerequisites.Require();
        StaleRuns.SweepOnce(); // the once-per-host sweep of the other tests must not take this test's runs
        var dead = Cilium.Testing.RunId.New();
        var reused = Cilium.Testing.RunId.New();
        var live = Cilium.Testing.RunId.New();
        var unclaimed = Cilium.Testing.RunId.New();
        string[] namespaces = [$"cbt-{dead}-node", $"cbt-{dead}-pod1", $"cbt-{reused}-node", $"cbt-{live}-node", $"cbt-{unclaimed}-node"];
        try
        {
            // A run whose owner exited: a real child process, gone by the time the sweep looks.
            using (var child = Process.Start("true")!)
            {
                child.WaitForExit();
                Directory.CreateDirectory(Path.Combine(StaleRuns.BpffsRoot(dead), StaleRuns.OwnerName(child.Id, 4242)));
            }
            Directory.CreateDirectory(Path.Combine(StaleRuns.BpffsRoot(dead), "globals"));
            // A run claimed by this pid in an earlier life (another start time): the pid was reused, the owner is gone.
            Directory.CreateDirectory(Path.Combine(StaleRuns.BpffsRoot(reused), StaleRuns.OwnerName(Environment.ProcessId, 1)));
            StaleRuns.Claim(live);
            Directory.CreateDirectory(StaleRuns.BpffsRoot(unclaimed));
            foreach (var ns in namespaces)
            {
                Shell.Ip("netns", "add", ns);
            }

            var removed = StaleRuns.Sweep();

            Assert.Contains(dead, removed);
            Assert.Contains(reused, removed);
            Assert.DoesNotContain(live, removed);
            Assert.DoesNotContain(unclaimed, removed);
            Assert.False(Directory.Exists(StaleRuns.BpffsRoot(dead)));
            Assert.False(Directory.Exists(StaleRuns.BpffsRoot(reused)));
            Assert.True(Directory.Exists(StaleRuns.BpffsRoot(live)));
            Assert.True(Directory.Exists(StaleRuns.BpffsRoot(unclaimed)));
            var left = Shell.Run("ip", "netns", "list").Output;
            Assert.DoesNotContain($"cbt-{dead}-", left, StringComparison.Ordinal);
            Assert.DoesNotContain($"cbt-{reused}-", left, StringComparison.Ordinal);
            Assert.Contains($"cbt-{live}-node", left, StringComparison.Ordinal);
            Assert.Contains($"cbt-{unclaimed}-node", left, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var ns in namespaces)
            {
                Shell.Run("ip", "netns", "del", ns);
            }
            foreach (var runId in new[] { dead, reused, live, unclaimed })
            {
                Datapath.RemoveAllPins(StaleRuns.BpffsRoot(runId));
            }
        }
    }
}
