using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Testing;
using Xunit;

namespace Cilium.Cni.Tests.Support;

/// <summary>
/// One lab node for the CNI contract tests: a node namespace <c>cct-&lt;run&gt;-node</c>, a real nats-server, the
/// identity, endpoint and policy services, and a real <c>cilium-agent</c> whose datapath lives in that namespace and under
/// its own bpffs root. Pods are namespaces <c>cct-&lt;run&gt;-p&lt;n&gt;</c>. Addresses come from 198.18.0.0/15 only and
/// exist only inside these namespaces; teardown removes every namespace, pin, socket, directory and process.
/// </summary>
public sealed class CniNode : IAsyncLifetime
{
    private readonly NatsServerFixture _nats = new();
    private readonly List<string> _pods = [];
    private ServiceProcess? _identity;
    private ServiceProcess? _endpoint;
    private ServiceProcess? _policy;
    private ServiceProcess? _agent;
    private string _identityUrl = "";
    private string _endpointUrl = "";
    private string _policyUrl = "";
    private int _podCount;

    public CniNode()
    {
        RunId = Testing.RunId.New();
        NodeNetns = $"cct-{RunId}-node";
        Dir = Path.Combine(Path.GetTempPath(), $"cct-{RunId}");
        SocketPath = Path.Combine(Dir, "agent.sock");
        BpffsRoot = $"/sys/fs/bpf/cilium-cct-{RunId}";
        // A /24 of 198.18.0.0/15 picked per run, so parallel runs rarely share one (they never share a namespace anyway).
        PodCidr = $"198.18.{Random.Shared.Next(16, 250).ToString(CultureInfo.InvariantCulture)}.0/24";
        Plugin = new CniPlugin(NodeNetns, SocketPath, Path.Combine(Dir, "cilium-cni.log"));
    }

    public string RunId { get; }
    public string NodeNetns { get; }
    public string Dir { get; }
    public string SocketPath { get; }
    public string BpffsRoot { get; }
    public string PodCidr { get; }
    internal CniPlugin Plugin { get; }
    public string PendingDir => Path.Combine(Dir, "cni-pending");
    public string AgentLog => _agent?.Log ?? "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Dir);
        await Shell.CheckedAsync("ip", "netns", "add", NodeNetns);
        await Shell.CheckedAsync("ip", "-n", NodeNetns, "link", "set", "lo", "up");
        await _nats.StartAsync();
        _identityUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _identity = new ServiceProcess("services/Cilium.Identity", "cilium-identity", ["--urls", _identityUrl, $"--Nats:Url={_nats.Url}"]);
        _identity.Start();
        _endpointUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _endpoint = new ServiceProcess("services/Cilium.Endpoint", "cilium-endpoint", ["--urls", _endpointUrl, $"--Nats:Url={_nats.Url}"]);
        _endpoint.Start();
        _policyUrl = $"http://127.0.0.1:{FreePort.Next()}";
        _policy = new ServiceProcess("services/Cilium.Policy", "cilium-policy", ["--urls", _policyUrl, $"--Nats:Url={_nats.Url}"]);
        _policy.Start();
        await _identity.WaitReadyAsync(_identityUrl + "/readyz", TimeSpan.FromMinutes(2));
        await _endpoint.WaitReadyAsync(_endpointUrl + "/readyz", TimeSpan.FromMinutes(2));
        await _policy.WaitReadyAsync(_policyUrl + "/readyz", TimeSpan.FromMinutes(2));
        await StartAgentAsync();
    }

    /// <summary>Starts the agent (again): same socket, state dir and bpffs root, so a restart finds its endpoints.</summary>
    public async Task StartAgentAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
        _agent = new ServiceProcess("services/Cilium.Agent", "cilium-agent",
        [
            $"--Nats:Url={_nats.Url}",
            $"--Agent:SocketPath={SocketPath}",
            $"--Agent:StateDir={Path.Combine(Dir, "state")}",
            $"--Agent:BpffsRoot={BpffsRoot}",
            $"--Agent:NodeName=node-{RunId}",
            $"--Agent:PodCidr={PodCidr}",
            $"--Agent:NodeIp=198.18.0.{Random.Shared.Next(2, 250).ToString(CultureInfo.InvariantCulture)}",
            $"--Agent:HostNetns={NodeNetns}",
            $"--Agent:IdentityUrl={_identityUrl}",
            $"--Agent:EndpointUrl={_endpointUrl}",
            $"--Agent:PolicyUrl={_policyUrl}",
            // Hubble's defaults (:4244, /var/run/cilium/hubble.sock) belong to the machine's own agent, not to a test's.
            "--Hubble:Enabled=false",
            $"--Agent:CniConfDir={Path.Combine(Dir, "net.d")}",
        ]);
        _agent.Start();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (!_agent.IsRunning)
            {
                throw new InvalidOperationException($"cilium-agent exited:\n{_agent.Log}");
            }
            try
            {
                using var http = AgentHttp(TimeSpan.FromSeconds(5));
                using var ready = await http.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"cilium-agent not ready on {SocketPath}:\n{_agent.Log}");
    }

    /// <summary>SIGKILL, as a crash: the socket file stays behind, nobody listens on it.</summary>
    public async Task KillAgentAsync()
    {
        if (_agent is not null)
        {
            await _agent.KillAsync();
        }
    }

    /// <summary>A new pod namespace with its loopback up; removed at teardown.</summary>
    public async Task<(string Name, string Path)> CreatePodAsync()
    {
        var name = $"cct-{RunId}-p{Interlocked.Increment(ref _podCount).ToString(CultureInfo.InvariantCulture)}";
        lock (_pods)
        {
            _pods.Add(name);
        }
        await Shell.CheckedAsync("ip", "netns", "add", name);
        return (name, $"/var/run/netns/{name}");
    }

    /// <summary>A container id unique to this run.</summary>
    public string NewContainerId() => $"cct{RunId}{Guid.NewGuid():N}";

    public HttpClient AgentHttp(TimeSpan? timeout = null) =>
        Cilium.Contracts.Agent.UnixSocketHttp.Client(SocketPath, timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>The agent's answer for an endpoint id (any of Cilium's forms): 200 with the endpoint, or 404.</summary>
    public async Task<(HttpStatusCode Status, Endpoint? Endpoint)> GetEndpointAsync(string id)
    {
        using var http = AgentHttp();
        using var response = await http.GetAsync(AgentPaths.Endpoint(id));
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<Endpoint>(CiliumJson.Options) : null);
    }

    /// <summary>The agent's IPAM allocations (IP -> owner) from <c>GET /v1/healthz</c>.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AllocationsAsync()
    {
        using var http = AgentHttp();
        var status = await http.GetFromJsonAsync<StatusResponse>(AgentPaths.Healthz, CiliumJson.Options);
        return status?.Ipam?.Allocations ?? new Dictionary<string, string>();
    }

    /// <summary>Applies a manifest (YAML or JSON) through the policy service, as a user does; fails on anything but 2xx.</summary>
    public async Task ApplyPolicyAsync(string manifest)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_policyUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var body = new StringContent(manifest, System.Text.Encoding.UTF8, "application/yaml");
        using var response = await http.PostAsync("/v1/policies", body);
        Assert.True(response.IsSuccessStatusCode, $"POST /v1/policies: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Deletes a CiliumNetworkPolicy through the policy service; a policy that is gone already is fine.</summary>
    public async Task DeletePolicyAsync(string ns, string name)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_policyUrl), Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.DeleteAsync($"/v1/namespaces/{ns}/ciliumnetworkpolicies/{name}");
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound,
            $"DELETE policy {ns}/{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Waits until the agent holds (or no longer holds) the policy named <paramref name="name"/> and has regenerated
    /// endpoint <paramref name="endpointId"/> at that policy revision, so its maps say what the policy says.
    /// </summary>
    public async Task WaitForPolicyAsync(string name, bool present, long endpointId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        using var http = AgentHttp();
        while (true)
        {
            var policy = (await http.GetFromJsonAsync<PolicyResponse>(AgentPaths.Policy, CiliumJson.Options))!;
            var held = policy.Policy.Contains($"\"{name}\"", StringComparison.Ordinal);
            if (held == present)
            {
                var endpoint = (await GetEndpointAsync(endpointId.ToString(CultureInfo.InvariantCulture))).Endpoint;
                if (endpoint?.Status?.Policy?.Realized?.PolicyRevision >= policy.Revision)
                {
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the agent did not {(present ? "enforce" : "remove")} policy {name} on endpoint {endpointId} within 30 s:\n{AgentLog}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Links in the node namespace whose name starts with lxc (the plugin's host-side veths).</summary>
    public async Task<IReadOnlyList<string>> HostVethsAsync()
    {
        var output = await Shell.CheckedAsync("ip", "-n", NodeNetns, "-o", "link", "show");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':')[1].Trim().Split('@')[0])
            .Where(n => n.StartsWith("lxc", StringComparison.Ordinal))
            .ToList();
    }

    public async Task DisposeAsync()
    {
        if (_agent is not null)
        {
            await _agent.DisposeAsync();
        }
        foreach (var p in new[] { _identity, _endpoint, _policy })
        {
            if (p is not null)
            {
                await p.DisposeAsync();
            }
        }
        await _nats.DisposeAsync();
        List<string> pods;
        lock (_pods)
        {
            pods = [.. _pods];
        }
        foreach (var ns in pods.Append(NodeNetns))
        {
            await Shell.RunAsync("ip", ["netns", "del", ns]);
        }
        // Pins are plain files and directories of bpffs: removing them unpins programs and maps.
        if (Directory.Exists(BpffsRoot))
        {
            Directory.Delete(BpffsRoot, recursive: true);
        }
        if (Directory.Exists(Dir))
        {
            Directory.Delete(Dir, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CniNodeCollection : ICollectionFixture<CniNode>
{
    public const string Name = "cni-node";
}
