using System.Net;
using Cilium.Bpf.Maps;

namespace Cilium.Bpf.Tests.Lab;

/// <summary>
/// A node namespace with pods attached by veth, the datapath loaded under its own bpffs root and attached to every
/// pod's host veth, and the ipcache filled with the pods' addresses. Every name carries the run id; Dispose removes
/// every namespace (and with them the links) and every pin, also after a failed test; what a crashed test host left
/// behind is swept by the next one (<see cref="StaleRuns"/>).
/// Addresses: 198.18.0.0/15 and fd00::/8 only, and only inside these namespaces.
/// </summary>
internal sealed class NodeLab : IDisposable
{
    private readonly List<string> _namespaces = [];

    private NodeLab(string runId, DatapathOptions options)
    {
        RunId = runId;
        NodeNetns = $"cbt-{runId}-node";
        Options = options;
    }

    public string RunId { get; }
    public string NodeNetns { get; }
    public NetworkNamespace Node => NetworkNamespace.Named(NodeNetns);
    public DatapathOptions Options { get; }
    public string BpffsRoot => Options.BpffsRoot;
    public Datapath Datapath { get; set; } = null!;
    public List<Pod> Pods { get; } = [];

    public Pod this[int index] => Pods[index - 1];

    /// <summary>Small maps by default: tests do not need Cilium's sizes, and runs should not pin hundreds of MB.</summary>
    public static DatapathOptions TestOptions(string runId) => new()
    {
        BpffsRoot = StaleRuns.BpffsRoot(runId),
        IpCacheMaxEntries = 1024,
        PolicyMaxEntries = 1024,
        CtTcpMaxEntries = 16384,
        CtAnyMaxEntries = 8192,
        EventsRingBytes = 1 << 20,
    };

    public static NodeLab Create(int pods = 3, Func<DatapathOptions, DatapathOptions>? configure = null)
    {
        Prerequisites.Require();
        StaleRuns.SweepOnce();
        var runId = Cilium.Testing.RunId.New();
        var options = TestOptions(runId);
        var lab = new NodeLab(runId, configure is null ? options : configure(options));
        try
        {
            StaleRuns.Claim(runId);
            lab.Build(pods);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>Empty policy everywhere (default deny), no connections, default event aggregation.</summary>
    public void Reset()
    {
        foreach (var pod in Pods)
        {
            pod.Endpoint.Policy.Map.Clear();
            pod.Endpoint.BumpPolicyRevision();
        }
        Datapath.ConnTrack.Flush();
        Datapath.Config.Aggregation = EventAggregation.Medium;
    }

    /// <summary>Lets the pod send and receive anything (an allow-all key in both directions).</summary>
    public void AllowAll(Pod pod)
    {
        pod.Endpoint.Policy.Allow(0, TrafficDirection.Ingress);
        pod.Endpoint.Policy.Allow(0, TrafficDirection.Egress);
        pod.Endpoint.BumpPolicyRevision();
    }

    public void Dispose()
    {
        foreach (var pod in Pods)
        {
            pod.Endpoint?.Dispose();
        }
        Datapath?.Dispose();
        var failures = new List<string>();
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            var (code, output) = Shell.Run("ip", "netns", "del", ns);
            if (code != 0 && !output.Contains("No such file", StringComparison.Ordinal))
            {
                failures.Add($"{ns}: {output}");
            }
        }
        try
        {
            Datapath.RemoveAllPins(BpffsRoot);
            Datapath.RemoveAllPins(StaleRuns.BpffsRoot(RunId)); // the claim, where a test moved the root elsewhere
        }
        catch (IOException e)
        {
            failures.Add($"{BpffsRoot}: {e.Message}");
        }
        if (failures.Count > 0)
        {
            throw new InvalidOperationException("lab teardown left something behind: " + string.Join("; ", failures));
        }
    }

    private void Build(int pods)
    {
        AddNamespace(NodeNetns);
        Shell.Ip("-n", NodeNetns, "link", "set", "lo", "up");
        Shell.Sysctl(NodeNetns, "net.ipv4.ip_forward=1");
        Shell.Sysctl(NodeNetns, "net.ipv6.conf.all.forwarding=1");

        for (var i = 1; i <= pods; i++)
        {
            var pod = new Pod(i, RunId);
            AddNamespace(pod.Netns);
            Shell.Ip("-n", NodeNetns, "link", "add", pod.HostVeth, "type", "veth", "peer", "name", "eth0", "netns", pod.Netns);
            // The pods route everything to the node: proxy ARP answers for any IPv4 address the node can route
            // elsewhere, and fe80::1 on every host veth is the IPv6 gateway. No address of the node is routable.
            Shell.Sysctl(NodeNetns, $"net.ipv4.conf.{pod.HostVeth}.proxy_arp=1");
            Shell.Sysctl(NodeNetns, $"net.ipv4.neigh.{pod.HostVeth}.proxy_delay=0");
            Shell.Ip("-n", NodeNetns, "link", "set", pod.HostVeth, "up");
            Shell.Ip("-n", NodeNetns, "-6", "addr", "add", "fe80::1/64", "dev", pod.HostVeth, "nodad");
            Shell.Ip("-n", NodeNetns, "route", "add", $"{pod.V4}/32", "dev", pod.HostVeth);
            Shell.Ip("-n", NodeNetns, "-6", "route", "add", $"{pod.V6}/128", "dev", pod.HostVeth);

            Shell.Ip("-n", pod.Netns, "link", "set", "lo", "up");
            Shell.Ip("-n", pod.Netns, "link", "set", "eth0", "up");
            Shell.Ip("-n", pod.Netns, "addr", "add", $"{pod.V4}/32", "dev", "eth0");
            Shell.Ip("-n", pod.Netns, "-6", "addr", "add", $"{pod.V6}/128", "dev", "eth0", "nodad");
            Shell.Ip("-n", pod.Netns, "route", "add", "default", "dev", "eth0");
            Shell.Ip("-n", pod.Netns, "-6", "route", "add", "default", "via", "fe80::1", "dev", "eth0");
            pod.HostIfindex = Node.InterfaceIndex(pod.HostVeth);
            Pods.Add(pod);
        }

        Datapath = Datapath.Open(Options);
        foreach (var pod in Pods)
        {
            pod.Endpoint = Datapath.AddEndpoint(pod.EndpointId, pod.Identity);
            pod.Endpoint.Attach(pod.HostIfindex, Node);
            Datapath.IpCache.Upsert(new IPNetwork(pod.V4, 32), pod.Identity);
            Datapath.IpCache.Upsert(new IPNetwork(pod.V6, 128), pod.Identity);
        }
    }

    private void AddNamespace(string name)
    {
        Shell.Ip("netns", "add", name);
        _namespaces.Add(name);
    }
}
