using System.Net;
using System.Text.Json;
using Cilium.Cni.Tests.Support;
using Cilium.Contracts.Agent;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>The CNI contract against a real agent: ADD, CHECK and DEL with real namespaces and links.</summary>
[Collection(CniNodeCollection.Name)]
public sealed class AddCheckDelTests(CniNode node)
{
    [Fact]
    public async Task Add_ThenCheckThenDel_CreatesReadyEndpointAndRemovesEverything()
    {
        var (podName, netns) = await node.CreatePodAsync();
        var cid = node.NewContainerId();

        var add = await node.Plugin.AddAsync(cid, netns, "IgnoreUnknown=1;K8S_POD_NAMESPACE=cct;K8S_POD_NAME=pod-a;CILIUM_LABELS=app=echo,tier=web");

        Assert.True(add.ExitCode == 0, add.ToString());
        var result = add.Json;
        Assert.Equal("1.0.0", result.GetProperty("cniVersion").GetString());
        var interfaces = result.GetProperty("interfaces").EnumerateArray().ToList();
        Assert.Equal(2, interfaces.Count);
        Assert.Equal("eth0", interfaces[1].GetProperty("name").GetString());
        Assert.Equal(netns, interfaces[1].GetProperty("sandbox").GetString());
        var hostVeth = interfaces[0].GetProperty("name").GetString()!;
        var ip = add.Ipv4;
        Assert.True(IPNetwork.Parse(node.PodCidr).Contains(IPAddress.Parse(ip)), $"{ip} is not in {node.PodCidr}");
        var ipConfig = result.GetProperty("ips")[0];
        Assert.Equal(1, ipConfig.GetProperty("interface").GetInt32());
        Assert.False(ipConfig.TryGetProperty("version", out _), "1.0.0 results carry no ips[].version");
        Assert.Equal("0.0.0.0/0", result.GetProperty("routes")[0].GetProperty("dst").GetString());

        var (status, endpoint) = await node.GetEndpointAsync($"cni-attachment-id:{cid}:eth0");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(EndpointState.Ready, endpoint!.Status!.State);
        var labels = endpoint.Spec!.LabelConfiguration!.User!;
        Assert.Contains("k8s:app=echo", labels);
        Assert.Contains("k8s:tier=web", labels);
        Assert.Contains("k8s:io.kubernetes.pod.namespace=cct", labels);
        Assert.Contains("k8s:io.cilium.k8s.policy.cluster=default", labels);
        Assert.Equal(hostVeth, endpoint.Status.Networking!.InterfaceName);
        Assert.Equal(ip, endpoint.Status.Networking.Addressing![0].Ipv4);
        Assert.Equal("pod-a", endpoint.Status.ExternalIdentifiers!.K8sPodName);
        Assert.Contains(ip, await PodInterface.AddressesAsync(podName, "eth0"));
        Assert.Contains(hostVeth, await node.HostVethsAsync());
        Assert.Equal("cct/pod-a", (await node.AllocationsAsync())[ip]);

        var check = await node.Plugin.CheckAsync(cid, netns, add.Stdout);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal("", check.Stdout);

        var del = await node.Plugin.DelAsync(cid, netns);
        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await node.GetEndpointAsync($"cni-attachment-id:{cid}:eth0")).Status);
        Assert.False((await node.AllocationsAsync()).ContainsKey(ip), $"{ip} is still allocated after DEL");
        Assert.DoesNotContain(hostVeth, await node.HostVethsAsync());
        Assert.False(await PodInterface.ExistsAsync(podName, "eth0"), "eth0 is still in the pod after DEL");
    }

    [Theory]
    [InlineData("0.3.1")]
    [InlineData("0.4.0")]
    public async Task Add_OlderCniVersion_ReturnsResultInThatVersion(string version)
    {
        var (_, netns) = await node.CreatePodAsync();
        var cid = node.NewContainerId();

        var add = await node.Plugin.AddAsync(cid, netns, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=old", node.Plugin.Config(version));
        var del = await node.Plugin.DelAsync(cid, netns, node.Plugin.Config(version));

        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Equal(version, add.Json.GetProperty("cniVersion").GetString());
        Assert.Equal("4", add.Json.GetProperty("ips")[0].GetProperty("version").GetString());
        Assert.True(del.ExitCode == 0, del.ToString());
    }

    [Fact]
    public async Task Del_Twice_SucceedsBothTimes()
    {
        var (_, netns) = await node.CreatePodAsync();
        var cid = node.NewContainerId();
        var add = await node.Plugin.AddAsync(cid, netns, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=twice");
        Assert.True(add.ExitCode == 0, add.ToString());

        var first = await node.Plugin.DelAsync(cid, netns);
        var second = await node.Plugin.DelAsync(cid, netns);
        var withoutNetns = await node.Plugin.DelAsync(cid, null);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(withoutNetns.ExitCode == 0, withoutNetns.ToString());
        Assert.False((await node.AllocationsAsync()).ContainsKey(add.Ipv4));
    }

    [Fact]
    public async Task Del_UnknownContainerAndMissingNetns_Succeeds()
    {
        var del = await node.Plugin.DelAsync(node.NewContainerId(), $"/var/run/netns/cct-{node.RunId}-never");

        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Equal("", del.Stdout);
    }

    [Fact]
    public async Task Check_AddressRemovedFromPod_FailsWithCheckCode()
    {
        var (podName, netns) = await node.CreatePodAsync();
        var cid = node.NewContainerId();
        var add = await node.Plugin.AddAsync(cid, netns, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=drift");
        Assert.True(add.ExitCode == 0, add.ToString());
        await Shell.CheckedAsync("ip", "-n", podName, "addr", "del", $"{add.Ipv4}/32", "dev", "eth0");

        var check = await node.Plugin.CheckAsync(cid, netns, add.Stdout);
        await node.Plugin.DelAsync(cid, netns);

        Assert.Equal(1, check.ExitCode);
        Assert.Equal(104, check.ErrorCode);
        Assert.Contains(add.Ipv4, check.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_UnknownContainer_FailsWithCheckCode()
    {
        var (_, netns) = await node.CreatePodAsync();

        var check = await node.Plugin.CheckAsync(node.NewContainerId(), netns, """{"cniVersion":"1.0.0","ips":[]}""");

        Assert.Equal(1, check.ExitCode);
        Assert.Equal(104, check.ErrorCode);
        Assert.Contains("no endpoint", check.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Del_WhileAgentDown_IsQueuedAndTheReturningAgentFinishesIt()
    {
        var (podName, netns) = await node.CreatePodAsync();
        var cid = node.NewContainerId();
        var add = await node.Plugin.AddAsync(cid, netns, "K8S_POD_NAMESPACE=cct;K8S_POD_NAME=orphan");
        Assert.True(add.ExitCode == 0, add.ToString());
        var hostVeth = add.Json.GetProperty("interfaces")[0].GetProperty("name").GetString()!;

        await node.KillAgentAsync();
        var del = await node.Plugin.DelAsync(cid, netns);
        var queued = Directory.Exists(node.PendingDir) ? Directory.GetFiles(node.PendingDir) : [];
        var vethsWhileDown = await node.HostVethsAsync();
        await node.StartAgentAsync();
        // The returning agent drains the queue by itself, before any other CNI call reaches it.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var after = await node.GetEndpointAsync($"cni-attachment-id:{cid}:eth0");
        while ((after.Status != HttpStatusCode.NotFound || Directory.GetFiles(node.PendingDir).Length > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            after = await node.GetEndpointAsync($"cni-attachment-id:{cid}:eth0");
        }
        var allocations = await node.AllocationsAsync();

        Assert.True(del.ExitCode == 0, del.ToString());
        Assert.Single(queued);
        Assert.DoesNotContain(hostVeth, vethsWhileDown);
        Assert.False(await PodInterface.ExistsAsync(podName, "eth0"));
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.DoesNotContain("cct/orphan", allocations.Values);
        Assert.Empty(Directory.GetFiles(node.PendingDir));
    }
}
