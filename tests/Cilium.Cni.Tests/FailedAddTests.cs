using System.Net;
using Cilium.Cni.Tests.Support;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>A failed ADD gives back everything it took: no address allocated, no link, no endpoint.</summary>
[Collection(CniNodeCollection.Name)]
public sealed class FailedAddTests(CniNode node)
{
    [Fact]
    public async Task Add_AgentUnreachable_FailsWithTryAgainAndTakesNothing()
    {
        var (_, netns) = await node.CreatePodAsync();
        var before = await SnapshotAsync();

        var run = await node.Plugin.AddAsync(node.NewContainerId(), netns, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=lost",
            node.Plugin.Config(socket: Path.Combine(node.Dir, "no-agent.sock")));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(11, run.ErrorCode);
        Assert.Contains("is it running?", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("no-agent.sock", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Add_NetnsDoesNotExist_FailsWithUnknownContainerAndTakesNothing()
    {
        var before = await SnapshotAsync();

        var run = await node.Plugin.AddAsync(node.NewContainerId(), $"/var/run/netns/cct-{node.RunId}-missing", "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=ghost");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(3, run.ErrorCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Add_NetnsIsNotANamespace_ReleasesAddressAndLink()
    {
        // Exists, so ADD gets as far as allocating an address and creating the pair before the kernel refuses it.
        var notANamespace = Path.Combine(node.Dir, "not-a-netns");
        await File.WriteAllTextAsync(notANamespace, "");
        var before = await SnapshotAsync();

        var run = await node.Plugin.AddAsync(node.NewContainerId(), notANamespace, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=bogus");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(102, run.ErrorCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Add_AgentRejectsLabels_ReleasesAddressLinkAndEndpoint()
    {
        // The agent refuses the endpoint after the address and the veth pair exist: the full roll-back path.
        var (podName, netns) = await node.CreatePodAsync();
        var cid = node.NewContainerId();
        var before = await SnapshotAsync();

        var run = await node.Plugin.AddAsync(cid, netns, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=badlabels;CILIUM_LABELS=nosuchsource:app=x");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(103, run.ErrorCode);
        Assert.Contains("nosuchsource", run.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await node.GetEndpointAsync($"cni-attachment-id:{cid}:eth0")).Status);
        Assert.False(await PodInterface.ExistsAsync(podName, "eth0"));
    }

    private async Task<string> SnapshotAsync()
    {
        var allocations = await node.AllocationsAsync();
        var veths = await node.HostVethsAsync();
        return $"ips: {string.Join(",", allocations.Keys.Order(StringComparer.Ordinal))}; veths: {string.Join(",", veths.Order(StringComparer.Ordinal))}";
    }
}
