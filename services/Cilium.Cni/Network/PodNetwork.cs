using System.Globalization;
using System.Text.Json;

namespace Cilium.Cni.Network;

/// <summary>
/// The veth pair, addresses and routes of a pod, as Cilium lays them out: the pod has its address as a /32 (/128),
/// a host route to the gateway and a default route via it, and a permanent neighbour entry for the gateway, since the
/// host side has no address to answer ARP with; the node has a /32 route to the pod over the host-side veth.
/// </summary>
public static class PodNetwork
{
    /// <summary>Creates and configures the pair; returns the host side's ifindex in this (the node's) namespace.</summary>
    public static async Task<int> SetUpAsync(AttachmentPlan plan, CancellationToken cancellationToken)
    {
        var mtu = plan.Mtu is { } m ? $" mtu {m.ToString(CultureInfo.InvariantCulture)}" : "";
        var node = new List<string>
        {
            // The peer is born inside the pod's namespace under its final name: nothing to rename, no clash with
            // an interface of the same name on the node.
            $"link add {plan.HostIfName}{mtu} address {plan.HostMac} type veth peer name {plan.IfName}{mtu} address {plan.PodMac} netns {plan.NetnsPath}",
            $"link set {plan.HostIfName} up",
        };
        var pod = new List<string> { "link set lo up", $"link set {plan.IfName} up" };
        if (plan.Ipv4 is { } v4)
        {
            node.Add($"route replace {v4}/32 dev {plan.HostIfName} scope link");
            node.Add($"neigh replace {v4} lladdr {plan.PodMac} dev {plan.HostIfName} nud permanent");
            pod.Add($"addr add {v4}/32 dev {plan.IfName}");
            if (plan.Gateway4 is { } gw)
            {
                pod.Add($"route replace {gw}/32 dev {plan.IfName} scope link");
                pod.Add($"route replace 0.0.0.0/0 via {gw} dev {plan.IfName} src {v4}");
                pod.Add($"neigh replace {gw} lladdr {plan.HostMac} dev {plan.IfName} nud permanent");
            }
        }
        if (plan.Ipv6 is { } v6)
        {
            node.Add($"route replace {v6}/128 dev {plan.HostIfName}");
            node.Add($"neigh replace {v6} lladdr {plan.PodMac} dev {plan.HostIfName} nud permanent");
            pod.Add($"addr add {v6}/128 dev {plan.IfName} nodad");
            if (plan.Gateway6 is { } gw)
            {
                pod.Add($"route replace {gw}/128 dev {plan.IfName}");
                pod.Add($"route replace ::/0 via {gw} dev {plan.IfName}");
                pod.Add($"neigh replace {gw} lladdr {plan.HostMac} dev {plan.IfName} nud permanent");
            }
        }
        await IpRoute.RunAsync(null, node, cancellationToken);
        Forwarding.Enable(ipv4: plan.Ipv4 is not null, ipv6: plan.Ipv6 is not null);
        await IpRoute.RunAsync(plan.NetnsPath, pod, cancellationToken);
        var index = Interop.IfNameToIndex(plan.HostIfName);
        return index != 0
            ? (int)index
            : throw new NetworkCommandException($"{plan.HostIfName} vanished right after it was created (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
    }

    /// <summary>Deletes the host side (the kernel removes the peer with it); true when there was one.</summary>
    public static async Task<bool> RemoveAsync(string hostIfName, CancellationToken cancellationToken)
    {
        var (exit, _, error) = await IpRoute.QueryAsync(null, ["link", "del", hostIfName], cancellationToken);
        if (exit == 0)
        {
            return true;
        }
        return IsMissing(error) ? false : throw new NetworkCommandException($"ip link del {hostIfName} failed: {error.Trim()}");
    }

    public static bool HostLinkExists(string hostIfName) => Interop.IfNameToIndex(hostIfName) != 0;

    /// <summary>The addresses on <paramref name="ifName"/> inside a namespace; null when the namespace or the interface is gone.</summary>
    public static async Task<IReadOnlyList<string>?> ReadAddressesAsync(string netnsPath, string ifName, CancellationToken cancellationToken)
    {
        if (!File.Exists(netnsPath))
        {
            return null;
        }
        var (exit, output, _) = await IpRoute.QueryAsync(netnsPath, ["-j", "addr", "show", "dev", ifName], cancellationToken);
        if (exit != 0)
        {
            return null;
        }
        using var doc = JsonDocument.Parse(output);
        var addresses = new List<string>();
        foreach (var link in doc.RootElement.EnumerateArray())
        {
            if (!link.TryGetProperty("addr_info", out var infos))
            {
                continue;
            }
            foreach (var info in infos.EnumerateArray())
            {
                if (info.TryGetProperty("local", out var local) && info.TryGetProperty("scope", out var scope) && scope.GetString() == "global")
                {
                    addresses.Add(local.GetString()!);
                }
            }
        }
        return addresses;
    }

    private static bool IsMissing(string error) =>
        error.Contains("Cannot find device", StringComparison.Ordinal) || error.Contains("does not exist", StringComparison.Ordinal);
}
