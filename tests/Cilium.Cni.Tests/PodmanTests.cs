using System.Net;
using Cilium.Cni.Tests.Support;
using Cilium.Contracts.Agent;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>
/// A real container runtime through cilium-cni: Debian's podman with its CNI backend runs busybox containers on a
/// network whose plugin is cilium-cni, inside the test node's namespace, and policies from the policy service apply.
/// </summary>
[Collection(CniNodeCollection.Name)]
public sealed class PodmanTests(CniNode node)
{
    [Fact]
    public async Task PodmanRun_CiliumNetwork_ContainerGetsPolicyEnforcedEndpointAndRmRemovesIt()
    {
        await using var podman = await Podman.StartAsync(node);
        var run = podman.RunId;
        var web = await podman.RunAsync($"web-{run}", $"app=web-{run}", "httpd", "-f", "-p", "8080", "-h", "/www");
        var client = await podman.RunAsync($"client-{run}", $"app=client-{run}", "sleep", "3600");

        // The container has an address of the agent's pod CIDR on eth0, as seen from inside it.
        Assert.True(IPNetwork.Parse(node.PodCidr).Contains(IPAddress.Parse(web.Ip)), $"{web.Ip} is not in {node.PodCidr}");
        var addr = await podman.ExecAsync(web.Name, "ip", "-4", "addr", "show", "dev", "eth0");
        Assert.Contains($"inet {web.Ip}/32", addr.Output, StringComparison.Ordinal);
        // podman took the address from the plugin's result (the README's query).
        Assert.Equal(web.Ip, await podman.FormatAsync(web.Name, $$$"""{{(index .NetworkSettings.Networks "{{{podman.Network}}}").IPAddress}}"""));

        // Its endpoint is ready, with the container's labels, and an identity made of them.
        var (status, endpoint) = await node.GetEndpointAsync($"cni-attachment-id:{web.Id}:eth0");
        Assert.True(status == HttpStatusCode.OK, $"no endpoint for container {web.Id}: {status}\n{podman.CniLog()}");
        Assert.Equal(EndpointState.Ready, endpoint!.Status!.State);
        Assert.Equal(web.Ip, endpoint.Status.Networking!.Addressing![0].Ipv4);
        Assert.Equal(web.Name, endpoint.Status.ExternalIdentifiers!.K8sPodName);
        Assert.Equal(Podman.PodNamespace, endpoint.Status.ExternalIdentifiers.K8sNamespace);
        Assert.Contains($"k8s:app=web-{run}", endpoint.Spec!.LabelConfiguration!.User!);
        var identity = endpoint.Status.Identity!;
        Assert.True(identity.Id >= 256, $"identity {identity.Id} is not a cluster identity");
        Assert.Contains($"k8s:app=web-{run}", identity.Labels);
        Assert.Contains($"k8s:io.kubernetes.pod.namespace={Podman.PodNamespace}", identity.Labels);
        var (_, clientEndpoint) = await node.GetEndpointAsync($"cni-attachment-id:{client.Id}:eth0");
        Assert.NotEqual(identity.Id, clientEndpoint!.Status!.Identity!.Id);

        // podman ran the plugin in the node's namespace: the host-side veth is there, not in the machine's.
        var hostVeth = endpoint.Status.Networking.InterfaceName!;
        Assert.Contains(hostVeth, await node.HostVethsAsync());
        Assert.NotEqual(0, (await Shell.RunAsync("ip", ["link", "show", "dev", hostVeth])).ExitCode);

        var allow = $"web-allow-{run}";
        var deny = $"web-deny-{run}";
        try
        {
            var open = await FetchAsync(podman, client, web);

            await node.ApplyPolicyAsync($"""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata:
                  name: {allow}
                  namespace: {Podman.PodNamespace}
                spec:
                  endpointSelector:
                    matchLabels:
                      app: web-{run}
                  ingress:
                  - fromEndpoints:
                    - matchLabels:
                        app: client-{run}
                    toPorts:
                    - ports:
                      - port: "8080"
                        protocol: TCP
                """);
            await node.WaitForPolicyAsync(allow, present: true, endpoint.Id);
            var allowed = await FetchAsync(podman, client, web);
            var enforced = (await node.GetEndpointAsync(endpoint.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Endpoint!;

            await node.ApplyPolicyAsync($"""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata:
                  name: {deny}
                  namespace: {Podman.PodNamespace}
                spec:
                  endpointSelector:
                    matchLabels:
                      app: web-{run}
                  ingressDeny:
                  - fromEndpoints:
                    - matchLabels:
                        app: client-{run}
                """);
            await node.WaitForPolicyAsync(deny, present: true, endpoint.Id);
            var denied = await FetchAsync(podman, client, web);

            // Without the deny rule the allow rule holds again: the drop was the policy's, not a broken container's.
            await node.DeletePolicyAsync(Podman.PodNamespace, deny);
            await node.WaitForPolicyAsync(deny, present: false, endpoint.Id);
            var restored = await FetchAsync(podman, client, web);

            Assert.True(open.Ok, $"no policy: client -> {web.Ip}:8080 failed: {open.Detail}");
            Assert.Equal("ingress", enforced.Status!.Policy!.Realized!.PolicyEnabled);
            Assert.True(allowed.Ok, $"allowed by {allow}: client -> {web.Ip}:8080 failed: {allowed.Detail}\nagent:\n{node.AgentLog}");
            Assert.False(denied.Ok, $"denied by {deny}: client -> {web.Ip}:8080 still answered: {denied.Detail}");
            Assert.True(restored.Ok, $"{deny} deleted: client -> {web.Ip}:8080 failed: {restored.Detail}");
        }
        finally
        {
            await node.DeletePolicyAsync(Podman.PodNamespace, allow);
            await node.DeletePolicyAsync(Podman.PodNamespace, deny);
        }

        // podman restart: DEL then ADD for the same container id; the client comes back with a ready endpoint.
        await podman.RestartAsync(client.Name);
        var restarted = await podman.InspectAsync(client.Name);
        var (_, clientAgain) = await node.GetEndpointAsync($"cni-attachment-id:{client.Id}:eth0");
        var afterRestart = await FetchAsync(podman, restarted, web);
        Assert.Equal(EndpointState.Ready, clientAgain!.Status!.State);
        Assert.Equal(restarted.Ip, clientAgain.Status.Networking!.Addressing![0].Ipv4);
        Assert.True(afterRestart.Ok, $"restarted client -> {web.Ip}:8080 failed: {afterRestart.Detail}");

        // podman rm runs CNI DEL: the endpoint, its address, the veth and the namespace go.
        await podman.RemoveAsync(web.Name);
        Assert.Equal(HttpStatusCode.NotFound, (await node.GetEndpointAsync($"cni-attachment-id:{web.Id}:eth0")).Status);
        Assert.False((await node.AllocationsAsync()).ContainsKey(web.Ip), $"{web.Ip} is still allocated after podman rm");
        Assert.DoesNotContain(hostVeth, await node.HostVethsAsync());
        Assert.False(File.Exists(web.Netns), $"{web.Netns} is still there after podman rm");
    }

    /// <summary>
    /// One HTTP GET from inside the client container to the web container, bounded by busybox's timeout applet
    /// (busybox-static 1.35's <c>wget -T</c> crashes with SIGSEGV).
    /// </summary>
    private static async Task<(bool Ok, string Detail)> FetchAsync(Podman podman, PodmanContainer client, PodmanContainer web)
    {
        var (exit, output, error) = await podman.ExecAsync(client.Name,
            "timeout", "5", "wget", "-q", "-O", "-", $"http://{web.Ip}:8080/{Podman.IndexPage}");
        return (exit == 0 && output.Contains(podman.PageText, StringComparison.Ordinal), $"exit {exit}: {output}{error}");
    }
}
