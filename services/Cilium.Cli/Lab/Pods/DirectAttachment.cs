using System.Text.Json.Nodes;
using Cilium.Cli.Infrastructure;
using Cilium.Contracts.Agent;

namespace Cilium.Cli.Lab.Pods;

/// <summary>
/// Stand-in for cilium-cni while the plugin is not built: the same steps (IPAM from the agent, a veth with proxy
/// ARP on the node side, a /32 route, the endpoint created with <c>sync-build-endpoint</c>) done by the CLI. Used only
/// when the plugin does not answer VERSION, and said so loudly; lab pods normally go through the real plugin.
/// </summary>
public sealed class DirectAttachment(LabNetwork network)
{
    public async Task<string> AddAsync(LabNode node, PodRecord pod, string cluster, CancellationToken ct)
    {
        using var agent = new AgentClient(node.Socket);
        var ipam = await agent.AllocateIpAsync(pod.Id, ct);
        var ip = ipam.Address?.Ipv4 ?? throw new InvalidOperationException("the agent gave no IPv4 address");
        var hostVeth = "lxc" + pod.ContainerId[..8];
        try
        {
            await network.InLab(node.Netns, ct, "link", "add", hostVeth, "type", "veth", "peer", "name", "eth0", "netns", pod.Netns);
            await network.SysctlAsync(node.Netns, $"net.ipv4.conf.{hostVeth}.proxy_arp=1", ct);
            await network.SysctlAsync(node.Netns, $"net.ipv4.neigh.{hostVeth}.proxy_delay=0", ct);
            await network.InLab(node.Netns, ct, "link", "set", hostVeth, "up");
            await network.InLab(node.Netns, ct, "route", "add", $"{ip}/32", "dev", hostVeth);
            await network.InLab(pod.Netns, ct, "link", "set", "eth0", "up");
            await network.InLab(pod.Netns, ct, "addr", "add", $"{ip}/32", "dev", "eth0");
            await network.InLab(pod.Netns, ct, "route", "add", "default", "dev", "eth0");
            var link = JsonNode.Parse((await network.InLab(node.Netns, ct, "-j", "link", "show", hostVeth)).StdOut)!.AsArray()[0]!;
            var podLink = JsonNode.Parse((await network.InLab(pod.Netns, ct, "-j", "link", "show", "eth0")).StdOut)!.AsArray()[0]!;
            await agent.CreateEndpointAsync(new EndpointChangeRequest(
                EndpointState.WaitingForIdentity,
                Addressing: new AddressPair(Ipv4: ip),
                ContainerId: pod.ContainerId,
                ContainerInterfaceName: "eth0",
                ContainerNetnsPath: pod.NetnsPath,
                HostMac: link["address"]?.GetValue<string>(),
                InterfaceIndex: link["ifindex"]!.GetValue<int>(),
                InterfaceName: hostVeth,
                K8sNamespace: pod.Namespace,
                K8sPodName: pod.Name,
                Labels: PodLabels.ForEndpoint(pod.Namespace, pod.Labels, cluster),
                Mac: podLink["address"]?.GetValue<string>(),
                SyncBuildEndpoint: true), ct);
            return ip;
        }
        catch
        {
            await agent.ReleaseIpAsync(ip, CancellationToken.None);
            throw;
        }
    }

    public static async Task DeleteAsync(LabNode node, PodRecord pod, CancellationToken ct)
    {
        using var agent = new AgentClient(node.Socket);
        await agent.DeleteEndpointsOfContainerAsync(pod.ContainerId, ct);
        if (pod.Ipv4 is not null)
        {
            await agent.ReleaseIpAsync(pod.Ipv4, ct);
        }
    }
}
