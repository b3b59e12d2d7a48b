using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Cilium.Cni.Network.Netlink;

namespace Cilium.Cni.Network;

/// <summary>
/// The veth pair, addresses and routes of a pod, as Cilium lays them out: the pod has its address as a /32 (/128),
/// a host route to the gateway and a default route via it, and a permanent neighbour entry for the gateway, since the
/// host side has no address to answer ARP with; the node has a /32 route to the pod over the host-side veth.
/// Changes go through rtnetlink in this process; reads (CHECK, DEL) still ask <c>ip -j</c>.
/// </summary>
public static class PodNetwork
{
    /// <summary>
    /// Creates and configures the pair over rtnetlink, in this process (a runtime pays for every process an ADD
    /// starts); returns the host side's ifindex in this (the node's) namespace.
    /// </summary>
    public static int SetUp(AttachmentPlan plan)
    {
        using var node = NetlinkSocket.Open(null);
        using (var podNetns = FileDescriptor.OpenNamespace(plan.NetnsPath))
        {
            // The peer is born inside the pod's namespace under its final name: nothing to rename, no clash with an
            // interface of the same name on the node.
            var add = new NetlinkMessage(Rtm.NewLink, Nlm.Request | Nlm.Ack | Nlm.Create | Nlm.Excl,
                    $"link add {plan.HostIfName} type veth peer name {plan.IfName} netns {plan.NetnsPath}")
                .IfInfo()
                .Attr(Ifla.IfName, plan.HostIfName)
                .Mac(Ifla.Address, plan.HostMac);
            if (plan.Mtu is { } mtu)
            {
                add.Attr(Ifla.Mtu, (uint)mtu);
            }
            add.BeginNest(Ifla.LinkInfo).Attr(Ifla.InfoKind, "veth").BeginNest(Ifla.InfoData).BeginNest(Ifla.VethInfoPeer)
                .IfInfo()
                .Attr(Ifla.IfName, plan.IfName)
                .Mac(Ifla.Address, plan.PodMac)
                .Attr(Ifla.NetNsFd, (uint)podNetns.Fd);
            if (plan.Mtu is { } peerMtu)
            {
                add.Attr(Ifla.Mtu, (uint)peerMtu);
            }
            add.EndNest().EndNest().EndNest();
            node.Send(add);
        }
        var host = node.LinkIndex(plan.HostIfName);
        if (host == 0)
        {
            throw new NetworkCommandException($"{plan.HostIfName} vanished right after it was created");
        }
        SetUp(node, host, plan.HostIfName);
        var families = Families(plan);
        foreach (var f in families)
        {
            Route(node, f.Address, f.Bits, host, plan.HostIfName);
            Neighbour(node, f.Address, plan.PodMac, host, plan.HostIfName);
        }
        Forwarding.Enable(ipv4: plan.Ipv4 is not null, ipv6: plan.Ipv6 is not null);

        using var pod = NetlinkSocket.Open(plan.NetnsPath);
        SetUp(pod, pod.LinkIndex("lo"), "lo");
        var eth = pod.LinkIndex(plan.IfName);
        if (eth == 0)
        {
            throw new NetworkCommandException($"{plan.IfName} is missing in {plan.NetnsPath} right after it was created");
        }
        SetUp(pod, eth, plan.IfName);
        foreach (var f in families)
        {
            // IPv6 without duplicate address detection: IPAM already made the address unique.
            Address(pod, f.Address, f.Bits, f.Address.AddressFamily == AddressFamily.InterNetworkV6 ? Ifa.FlagNoDad : (byte)0, eth, plan.IfName);
            if (f.Gateway is { } gateway)
            {
                Route(pod, gateway, f.Bits, eth, plan.IfName);
                // IPv4 leaves with the pod's address as source (the pod has no other); IPv6 picks its own.
                DefaultRoute(pod, gateway, f.Address.AddressFamily == AddressFamily.InterNetwork ? f.Address : null, eth, plan.IfName);
                Neighbour(pod, gateway, plan.HostMac, eth, plan.IfName);
            }
        }
        return host;
    }

    /// <summary>Deletes the host side (the kernel removes the peer with it); true when there was one.</summary>
    public static bool Remove(string hostIfName)
    {
        using var node = NetlinkSocket.Open(null);
        var del = new NetlinkMessage(Rtm.DelLink, Nlm.Request | Nlm.Ack, $"link del {hostIfName}").IfInfo().Attr(Ifla.IfName, hostIfName);
        return node.TrySend(del) switch
        {
            0 => true,
            Errno.NoDevice => false,
            var errno => throw node.Failed(del, errno),
        };
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

    /// <summary>The pod's address of each family it has, with its host prefix length and its gateway.</summary>
    private static List<(IPAddress Address, byte Bits, IPAddress? Gateway)> Families(AttachmentPlan plan)
    {
        var families = new List<(IPAddress, byte, IPAddress?)>(2);
        if (plan.Ipv4 is { } v4)
        {
            families.Add((IPAddress.Parse(v4), 32, plan.Gateway4 is { } gw ? IPAddress.Parse(gw) : null));
        }
        if (plan.Ipv6 is { } v6)
        {
            families.Add((IPAddress.Parse(v6), 128, plan.Gateway6 is { } gw ? IPAddress.Parse(gw) : null));
        }
        return families;
    }

    private static void SetUp(NetlinkSocket socket, int index, string name) =>
        socket.Send(new NetlinkMessage(Rtm.NewLink, Nlm.Request | Nlm.Ack, $"link set {name} up").IfInfo(index, Ifla.FlagUp, Ifla.FlagUp));

    /// <summary><c>route replace &lt;address&gt;/&lt;bits&gt; dev &lt;name&gt; scope link</c>.</summary>
    private static void Route(NetlinkSocket socket, IPAddress destination, byte bits, int index, string name) =>
        socket.Send(new NetlinkMessage(Rtm.NewRoute, Nlm.Request | Nlm.Ack | Nlm.Create | Nlm.Replace, $"route replace {destination}/{bits} dev {name} scope link")
            .Rt(Family(destination), bits, Rta.TableMain, Rta.ProtoBoot, Rta.ScopeLink, Rta.TypeUnicast)
            .Attr(Rta.Dst, destination)
            .Attr(Rta.Oif, (uint)index));

    /// <summary><c>route replace default via &lt;gateway&gt; dev &lt;name&gt; [src &lt;source&gt;]</c>.</summary>
    private static void DefaultRoute(NetlinkSocket socket, IPAddress gateway, IPAddress? source, int index, string name)
    {
        var route = new NetlinkMessage(Rtm.NewRoute, Nlm.Request | Nlm.Ack | Nlm.Create | Nlm.Replace, $"route replace default via {gateway} dev {name}")
            .Rt(Family(gateway), 0, Rta.TableMain, Rta.ProtoBoot, Rta.ScopeUniverse, Rta.TypeUnicast)
            .Attr(Rta.Gateway, gateway)
            .Attr(Rta.Oif, (uint)index);
        if (source is not null)
        {
            route.Attr(Rta.PrefSrc, source);
        }
        socket.Send(route);
    }

    /// <summary><c>neigh replace &lt;address&gt; lladdr &lt;mac&gt; dev &lt;name&gt; nud permanent</c>.</summary>
    private static void Neighbour(NetlinkSocket socket, IPAddress address, string mac, int index, string name) =>
        socket.Send(new NetlinkMessage(Rtm.NewNeigh, Nlm.Request | Nlm.Ack | Nlm.Create | Nlm.Replace, $"neigh replace {address} lladdr {mac} dev {name} nud permanent")
            .Nd(Family(address), index, Nda.NudPermanent)
            .Attr(Nda.Dst, address)
            .Mac(Nda.LlAddr, mac));

    /// <summary><c>addr add &lt;address&gt;/&lt;bits&gt; dev &lt;name&gt;</c> (IPv6 with <c>nodad</c>: the address is unique by IPAM).</summary>
    private static void Address(NetlinkSocket socket, IPAddress address, byte bits, byte flags, int index, string name) =>
        socket.Send(new NetlinkMessage(Rtm.NewAddr, Nlm.Request | Nlm.Ack | Nlm.Create | Nlm.Excl, $"addr add {address}/{bits} dev {name}")
            .IfAddr(Family(address), bits, flags, Rta.ScopeUniverse, index)
            .Attr(Ifa.Local, address)
            .Attr(Ifa.Address, address)
            .Attr(Ifa.Flags, flags));

    private static byte Family(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? (byte)10 : (byte)2;
}
