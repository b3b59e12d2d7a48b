using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Cilium.Contracts;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Events;
using Cilium.Contracts.Json;
using Cilium.Testing;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Xunit;

namespace Cilium.Agent.Tests;

/// <summary>
/// A small real cluster: nats-server, cilium-identity, cilium-endpoint and two cilium-agent processes, each agent
/// with a node network namespace of its own (<c>cat-&lt;run&gt;-n0/n1</c>) where it attaches its programs. Pods are
/// namespaces joined to a node by a veth the test wires itself (the CNI plugin is tested elsewhere). Node B's
/// policy maps hold only <see cref="SmallPolicyMap"/> entries, to provoke overflow. Everything carries the run id
/// and is removed at the end.
/// </summary>
public sealed class AgentClusterFixture : IAsyncLifetime
{
    public const uint SmallPolicyMap = 12;

    private readonly List<string> _namespaces = [];
    private readonly List<ServiceProcess> _services = [];
    private ulong _policyRevision;
    private int _podCount;

    public string RunId { get; } = Testing.RunId.New();
    public NatsServerFixture Nats { get; } = new();
    public List<AgentNode> Nodes { get; } = [];
    public string IdentityUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";
    public string EndpointUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";
    public string TempDir { get; }

    /// <summary>The cluster's identity service; a test that stops it starts it again before it ends.</summary>
    public ServiceProcess IdentityService { get; private set; } = null!;

    public AgentClusterFixture() => TempDir = Path.Combine(Path.GetTempPath(), $"cilium-agent-test-{RunId}");

    public async Task InitializeAsync()
    {
        Require.RootAndBpf();
        await Nats.InitializeAsync();
        var identity = IdentityService = new ServiceProcess("services/Cilium.Identity", "cilium-identity", ["--urls", IdentityUrl, $"--Nats:Url={Nats.Url}"]);
        var endpoint = new ServiceProcess("services/Cilium.Endpoint", "cilium-endpoint", ["--urls", EndpointUrl, $"--Nats:Url={Nats.Url}"]);
        _services.AddRange([identity, endpoint]);
        identity.Start();
        endpoint.Start();
        await identity.WaitReadyAsync(IdentityUrl + "/readyz");
        await endpoint.WaitReadyAsync(EndpointUrl + "/readyz");
        for (var i = 0; i < 2; i++)
        {
            var node = new AgentNode(this, i, i == 1 ? SmallPolicyMap : 16384);
            Nodes.Add(node);
            _namespaces.Add(node.Netns);
            Shell.Run("ip", "netns", "add", node.Netns);
            Shell.Run("ip", "-n", node.Netns, "link", "set", "lo", "up");
            // The node's own address, so it has a source for the neighbour requests it sends to pods.
            Shell.Run("ip", "-n", node.Netns, "addr", "add", $"198.18.0.{40 + i}/32", "dev", "lo");
            Shell.Run("ip", "netns", "exec", node.Netns, "sysctl", "-qw", "net.ipv4.ip_forward=1");
        }
        foreach (var node in Nodes)
        {
            node.Start();
        }
        foreach (var node in Nodes)
        {
            await node.WaitReadyAsync();
        }
    }

    /// <summary>A pod namespace wired to <paramref name="node"/> by a veth with proxy ARP on the host side.</summary>
    public Pod CreatePod(AgentNode node)
    {
        var n = Interlocked.Increment(ref _podCount);
        var netns = $"cat-{RunId}-p{n}";
        var hostIf = $"lxc{RunId}{n:D2}";
        var ip = $"198.18.{node.PodSubnet}.{10 + n}";
        var gateway = $"198.18.{node.PodSubnet}.1";
        _namespaces.Add(netns);
        Shell.Run("ip", "netns", "add", netns);
        Shell.Run("ip", "-n", node.Netns, "link", "add", hostIf, "type", "veth", "peer", "name", "eth0", "netns", netns);
        Shell.Run("ip", "-n", netns, "link", "set", "lo", "up");
        Shell.Run("ip", "-n", netns, "addr", "add", $"{ip}/32", "dev", "eth0");
        Shell.Run("ip", "-n", netns, "link", "set", "eth0", "up");
        // As Cilium does: the pod reaches its gateway through a permanent neighbour entry for the host-side veth.
        var hostMac = $"02:cc:{n / 256:x2}:{n % 256:x2}:00:01";
        var podMac = $"02:cc:{n / 256:x2}:{n % 256:x2}:00:02";
        Shell.Run("ip", "-n", node.Netns, "link", "set", hostIf, "address", hostMac);
        Shell.Run("ip", "-n", netns, "link", "set", "eth0", "address", podMac);
        Shell.Run("ip", "-n", netns, "route", "add", gateway, "dev", "eth0", "scope", "link");
        Shell.Run("ip", "-n", netns, "neigh", "replace", gateway, "lladdr", hostMac, "dev", "eth0", "nud", "permanent");
        Shell.Run("ip", "-n", netns, "route", "add", "default", "via", gateway, "dev", "eth0");
        Shell.Run("ip", "-n", node.Netns, "link", "set", hostIf, "up");
        Shell.Run("ip", "-n", node.Netns, "route", "add", $"{ip}/32", "dev", hostIf);
        Shell.Run("ip", "-n", node.Netns, "neigh", "replace", ip, "lladdr", podMac, "dev", hostIf, "nud", "permanent");
        Shell.Run("ip", "netns", "exec", node.Netns, "sysctl", "-qw", $"net.ipv4.conf.{hostIf}.proxy_arp=1");
        var ifindex = Cilium.Bpf.NetworkNamespace.Named(node.Netns).InterfaceIndex(hostIf);
        return new Pod(netns, hostIf, ifindex, ip, $"c{RunId}{n}");
    }

    /// <summary>Publishes a policy as the policy service would: an upsert event on its subject in CILIUM_EVENTS.</summary>
    public async Task PublishPolicyAsync(string kind, string? ns, string name, string manifestJson)
    {
        var revision = Interlocked.Increment(ref _policyRevision) + 1_000_000;
        var evt = new CiliumEvent("policy", EventOps.Upsert, ns is null ? name : $"{ns}/{name}", revision, DateTimeOffset.UtcNow,
            JsonDocument.Parse(manifestJson).RootElement.Clone());
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = Nats.Url });
        var js = new NatsJSContext(conn);
        var ack = await js.PublishAsync(Subjects.Policy(kind, ns, name), JsonSerializer.SerializeToUtf8Bytes(evt, CiliumJsonContext.Default.CiliumEvent),
            opts: new NatsJSPubOpts { MsgId = $"test:{name}:{revision}" });
        ack.EnsureSuccess();
    }

    public async Task DeletePolicyAsync(string kind, string? ns, string name)
    {
        var revision = Interlocked.Increment(ref _policyRevision) + 1_000_000;
        var evt = new CiliumEvent("policy", EventOps.Delete, ns is null ? name : $"{ns}/{name}", revision, DateTimeOffset.UtcNow, null);
        await using var conn = new NatsConnection(NatsOpts.Default with { Url = Nats.Url });
        var ack = await new NatsJSContext(conn).PublishAsync(Subjects.Policy(kind, ns, name), JsonSerializer.SerializeToUtf8Bytes(evt, CiliumJsonContext.Default.CiliumEvent),
            opts: new NatsJSPubOpts { MsgId = $"test:{name}:{revision}" });
        ack.EnsureSuccess();
    }

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        foreach (var s in _services)
        {
            await s.DisposeAsync();
        }
        await Nats.DisposeAsync();
        foreach (var ns in Enumerable.Reverse(_namespaces))
        {
            Shell.TryRun("ip", "netns", "del", ns);
        }
        foreach (var node in Nodes)
        {
            if (Directory.Exists(node.BpffsRoot))
            {
                Directory.Delete(node.BpffsRoot, recursive: true);
            }
        }
        if (Directory.Exists(TempDir))
        {
            Directory.Delete(TempDir, recursive: true);
        }
    }
}

/// <summary>One node: its namespace, its agent process and a client on the agent's socket.</summary>
public sealed class AgentNode : IAsyncDisposable
{
    private readonly AgentClusterFixture _cluster;
    private readonly ServiceProcess _agent;

    public AgentNode(AgentClusterFixture cluster, int index, uint policyMapEntries)
    {
        _cluster = cluster;
        Name = $"node{index}-{cluster.RunId}";
        Netns = $"cat-{cluster.RunId}-n{index}";
        PodSubnet = 40 + index;
        var dir = Path.Combine(cluster.TempDir, Name);
        Socket = Path.Combine(dir, "cilium.sock");
        BpffsRoot = $"/sys/fs/bpf/cilium-test-{cluster.RunId}-n{index}";
        HubbleAddress = $"127.0.0.1:{FreePort.Next()}";
        MetricsAddress = $"127.0.0.1:{FreePort.Next()}";
        _agent = new ServiceProcess("services/Cilium.Agent", "cilium-agent",
        [
            $"--Nats:Url={cluster.Nats.Url}",
            $"--Agent:NodeName={Name}",
            $"--Agent:SocketPath={Socket}",
            $"--Agent:StateDir={Path.Combine(dir, "state")}",
            $"--Agent:BpffsRoot={BpffsRoot}",
            $"--Agent:HostNetns={Netns}",
            $"--Agent:PodCidr=198.18.{PodSubnet}.0/24",
            $"--Agent:NodeIp=198.18.0.{40 + index}",
            $"--Agent:IdentityUrl={cluster.IdentityUrl}",
            $"--Agent:EndpointUrl={cluster.EndpointUrl}",
            $"--Agent:PolicyMapMaxEntries={policyMapEntries.ToString(CultureInfo.InvariantCulture)}",
            $"--Hubble:ListenAddress={HubbleAddress}",
            $"--Hubble:MetricsListenAddress={MetricsAddress}",
            $"--Hubble:SocketPath={Path.Combine(dir, "hubble.sock")}",
        ]);
        Client = AgentClient.Create(Socket);
    }

    public string Name { get; }
    public string Netns { get; }
    public int PodSubnet { get; }
    public string Socket { get; }
    public string BpffsRoot { get; }
    public string HubbleAddress { get; }

    /// <summary>The observer's Prometheus endpoint (Hubble's and the datapath's counters), plain HTTP.</summary>
    public string MetricsAddress { get; }
    public HttpClient Client { get; }
    public string Log => _agent.Log;

    public void Start() => _agent.Start();

    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (!_agent.IsRunning)
            {
                throw new InvalidOperationException($"agent {Name} exited:\n{_agent.Log}");
            }
            try
            {
                using var response = await Client.GetAsync("/readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"agent {Name} not ready:\n{_agent.Log}");
    }

    public Task KillAsync() => _agent.KillAsync();

    /// <summary>Creates an endpoint for <paramref name="pod"/> the way the CNI plugin does.</summary>
    public Task<Endpoint> CreateEndpointAsync(Pod pod, params string[] labels) => CreateEndpointAsync(pod, syncBuild: true, labels);

    /// <summary>As the CNI plugin does, or without <c>sync-build-endpoint</c>: then the answer comes before the endpoint is ready.</summary>
    public async Task<Endpoint> CreateEndpointAsync(Pod pod, bool syncBuild, params string[] labels)
    {
        var request = new EndpointChangeRequest(
            EndpointState.WaitingForIdentity,
            Addressing: new AddressPair(Ipv4: pod.Ip),
            ContainerId: pod.ContainerId,
            ContainerInterfaceName: "eth0",
            ContainerNetnsPath: $"/var/run/netns/{pod.Netns}",
            InterfaceName: pod.HostInterface,
            InterfaceIndex: pod.Ifindex,
            K8sNamespace: "agent-test",
            K8sPodName: pod.Netns,
            Labels: [.. labels, "k8s:io.kubernetes.pod.namespace=agent-test"],
            SyncBuildEndpoint: syncBuild);
        using var response = await Client.PutAsJsonAsync("/v1/endpoint/0", request, Cilium.Contracts.Json.CiliumJson.Options);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonSerializer.Deserialize<Endpoint>(body, Cilium.Contracts.Json.CiliumJson.Options)!
            : throw new InvalidOperationException($"PUT endpoint: {(int)response.StatusCode} {body}");
    }

    public async ValueTask DisposeAsync()
    {
        await _agent.DisposeAsync();
        Client.Dispose();
    }
}

/// <summary>A pod namespace and its veth.</summary>
public sealed record Pod(string Netns, string HostInterface, int Ifindex, string Ip, string ContainerId);

[CollectionDefinition(Name)]
public sealed class AgentClusterCollection : ICollectionFixture<AgentClusterFixture>
{
    public const string Name = "agent-cluster";
}
