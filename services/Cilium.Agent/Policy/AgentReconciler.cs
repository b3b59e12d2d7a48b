using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Cilium.Agent.Datapath;
using Cilium.Agent.Endpoints;
using Cilium.Agent.Sync;
using Cilium.Contracts;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;
using Cilium.ServiceDefaults;
using Microsoft.Extensions.Options;
using CoreNamedPort = Cilium.Core.Policy.Engine.NamedPort;

namespace Cilium.Agent;

/// <summary>
/// The one loop that owns the policy engine and writes the datapath. Cluster events, identity resolutions and
/// endpoint teardowns are queued and applied one at a time, so the engine needs no locks and every map write
/// follows the order of the changes. Each change regenerates only what it affects (the engine's diffs).
/// </summary>
public sealed partial class AgentReconciler : BackgroundService
{
    private readonly Channel<object> _queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly PolicyEngine _engine;
    private readonly DatapathManager _datapath;
    private readonly EndpointManager _endpoints;
    private readonly AgentOptions _options;
    private readonly ILogger<AgentReconciler> _logger;
    private readonly Dictionary<string, ulong> _revisions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<IPNetwork>> _remoteEndpointIps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CiliumNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<IPNetwork, uint> _ipcache = [];
    private readonly Dictionary<string, JsonElement> _policyManifests = new(StringComparer.Ordinal);
    private long _policyRevision;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<uint, IReadOnlyList<string>> _identityLabels = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPAddress, CiliumEndpoint> _remoteByIp = new();

    /// <summary>Labels of every identity this agent heard of (for Hubble and the monitor); reserved ones included.</summary>
    public IReadOnlyList<string> IdentityLabels(uint identity) =>
        _identityLabels.TryGetValue(identity, out var labels) ? labels
        : ReservedIdentities.All.FirstOrDefault(r => r.Id == identity).Labels?.ToStrings() ?? [];

    /// <summary>
    /// True while the identity events this agent follows hold <paramref name="identity"/> with the same labels: it is
    /// committed and was not released since. Thread-safe (read from the endpoints' lifecycles).
    /// </summary>
    public bool IsCommitted(Cilium.Contracts.Identities.Identity identity) =>
        _identityLabels.TryGetValue((uint)identity.Id, out var labels) && labels.SequenceEqual(identity.Labels, StringComparer.Ordinal);

    /// <summary>The cluster endpoint that holds <paramref name="address"/>, as the endpoint service published it.</summary>
    public CiliumEndpoint? RemoteEndpoint(IPAddress address) => _remoteByIp.TryGetValue(address, out var e) ? e : null;

    public AgentReconciler(
        DatapathManager datapath,
        EndpointManager endpoints,
        IOptions<AgentOptions> options,
        IOptions<ClusterOptions> cluster,
        ILogger<AgentReconciler> logger)
    {
        _datapath = datapath;
        _endpoints = endpoints;
        _options = options.Value;
        _logger = logger;
        _engine = new PolicyEngine(
            new PolicyEngineOptions
            {
                ClusterName = cluster.Value.Name,
                EnforcementMode = _options.PolicyEnforcement switch
                {
                    "always" => PolicyEnforcementMode.Always,
                    "never" => PolicyEnforcementMode.Never,
                    _ => PolicyEnforcementMode.Default,
                },
            },
            new CidrIdentityAllocator());
    }

    /// <summary>The cluster-wide policy revision this agent has applied (Cilium's <c>policy revision</c>).</summary>
    public long PolicyRevision => Interlocked.Read(ref _policyRevision);

    /// <summary>The manifests this agent imported, as one JSON array (Cilium's <c>Policy.policy</c> text).</summary>
    public string PolicyJson()
    {
        lock (_policyManifests)
        {
            return JsonSerializer.Serialize(_policyManifests.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value).ToArray());
        }
    }

    public IReadOnlyDictionary<IPNetwork, uint> IpCacheSnapshot
    {
        get
        {
            lock (_ipcache)
            {
                return new Dictionary<IPNetwork, uint>(_ipcache);
            }
        }
    }

    /// <summary>Raised on the reconciler's loop after a node event was applied; read <see cref="Nodes"/> for the new set.</summary>
    public event Action? NodesChanged;

    public IReadOnlyList<CiliumNode> Nodes
    {
        get
        {
            lock (_nodes)
            {
                return [.. _nodes.Values];
            }
        }
    }

    public ValueTask EnqueueAsync(object command, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(command, cancellationToken);

    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await EnqueueAsync(new Barrier(done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="read"/> on the loop, the only place the engine may be touched.</summary>
    public async Task<T> QueryAsync<T>(Func<PolicyEngine, T> read, CancellationToken cancellationToken)
    {
        var query = new EngineQuery(e => read(e), new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
        await EnqueueAsync(query, cancellationToken);
        return (T)(await query.Result.Task.WaitAsync(cancellationToken))!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var command in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                Handle(command);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Applying {Command} failed", command.GetType().Name);
            }
        }
    }

    private void Handle(object command)
    {
        switch (command)
        {
            case ClusterEvent e:
                ApplyClusterEvent(e);
                break;
            case EndpointIdentityResolved r:
                BringUpEndpoint(r);
                break;
            case EndpointRestored r:
                RestoreEndpoint(r.EndpointId);
                break;
            case EndpointTeardown t:
                TearDownEndpoint(t.EndpointId);
                t.Done.TrySetResult();
                break;
            case Barrier b:
                b.Done.TrySetResult();
                break;
            case EngineQuery q:
                try
                {
                    q.Result.TrySetResult(q.Read(_engine));
                }
                catch (Exception e)
                {
                    q.Result.TrySetException(e);
                }
                break;
        }
    }

    private void ApplyClusterEvent(ClusterEvent e)
    {
        // Level-triggered: a replay delivers events already applied; anything not newer than what we hold is old news.
        if (_revisions.TryGetValue(e.Subject, out var seen) && e.Revision <= seen)
        {
            return;
        }
        _revisions[e.Subject] = e.Revision;
        switch (e.Kind)
        {
            case Subjects.IdentityKind:
                ApplyIdentity(e);
                break;
            case Subjects.EndpointKind:
                ApplyRemoteEndpoint(e);
                break;
            case Subjects.NodeKind:
                ApplyNode(e);
                NodesChanged?.Invoke();
                break;
            case Subjects.PolicyKind:
                ApplyPolicy(e);
                break;
        }
    }

    private void ApplyIdentity(ClusterEvent e)
    {
        if (!uint.TryParse(e.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return;
        }
        if (e.IsDelete)
        {
            _identityLabels.TryRemove(id, out _);
            ApplyUpdate(_engine.RemoveIdentity(id));
            return;
        }
        var identity = e.Data!.Value.Deserialize(CiliumJsonContext.Default.Identity)!;
        _identityLabels[id] = identity.Labels;
        ApplyUpdate(_engine.UpsertIdentity(id, LabelSet.Parse(identity.Labels)));
    }

    private void ApplyRemoteEndpoint(ClusterEvent e)
    {
        var key = e.Subject;
        if (_remoteEndpointIps.Remove(key, out var previous))
        {
            foreach (var prefix in previous)
            {
                _remoteByIp.TryRemove(prefix.BaseAddress, out _);
                if (!_endpoints.OwnsLocalIp(prefix.BaseAddress))
                {
                    SetIpCache(prefix, null);
                }
            }
        }
        if (e.IsDelete || e.Data is null)
        {
            return;
        }
        var endpoint = e.Data.Value.Deserialize<CiliumEndpoint>(CiliumJson.Options)!;
        var prefixes = new List<IPNetwork>();
        foreach (var ip in new[] { endpoint.Addressing.Ipv4, endpoint.Addressing.Ipv6 })
        {
            if (ip is not null && IPAddress.TryParse(ip, out var address))
            {
                var prefix = new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
                prefixes.Add(prefix);
                _remoteByIp[address] = endpoint;
                SetIpCache(prefix, (uint)endpoint.Identity);
            }
        }
        _remoteEndpointIps[key] = prefixes;
    }

    private void ApplyNode(ClusterEvent e)
    {
        var name = SubjectKey.Decode(e.Key.Contains('.', StringComparison.Ordinal) ? e.Key[(e.Key.LastIndexOf('.') + 1)..] : e.Key);
        lock (_nodes)
        {
            if (_nodes.Remove(name, out var old))
            {
                foreach (var address in old.Addresses)
                {
                    if (IPAddress.TryParse(address.Ip, out var ip))
                    {
                        SetIpCache(HostPrefix(ip), null);
                    }
                }
                NodeRoutes.Remove(_options, old, _logger);
            }
            if (e.IsDelete || e.Data is null)
            {
                return;
            }
            var node = e.Data.Value.Deserialize<CiliumNode>(CiliumJson.Options)!;
            _nodes[node.Name] = node;
            var self = node.Name == _options.NodeName;
            foreach (var address in node.Addresses)
            {
                if (IPAddress.TryParse(address.Ip, out var ip))
                {
                    SetIpCache(HostPrefix(ip), self ? (uint)ReservedIdentities.Host : (uint)ReservedIdentities.RemoteNode);
                }
            }
            if (!self)
            {
                NodeRoutes.Add(_options, node, _logger);
            }
        }
    }

    private void ApplyPolicy(ClusterEvent e)
    {
        Interlocked.Increment(ref _policyRevision);
        if (e.IsDelete || e.Data is null)
        {
            lock (_policyManifests)
            {
                _policyManifests.Remove(e.Subject);
            }
            // cilium.v1.policy.<kind>.<ns>.<name>
            var tokens = e.Subject.Split('.');
            if (tokens.Length >= 6 && Enum.TryParse<PolicyKind>(SubjectKey.Decode(tokens[3]), out var kind))
            {
                var ns = tokens[4] == SubjectKey.NoNamespace ? null : SubjectKey.Decode(tokens[4]);
                ApplyUpdate(_engine.DeletePolicy(new PolicyResourceId(kind, ns, SubjectKey.Decode(tokens[5]))));
            }
            return;
        }
        var manifest = e.Data.Value.TryGetProperty("manifest", out var m) ? m : e.Data.Value;
        lock (_policyManifests)
        {
            _policyManifests[e.Subject] = manifest.Clone();
        }
        try
        {
            foreach (var document in PolicyParser.Parse(manifest.GetRawText()))
            {
                ApplyUpdate(_engine.UpsertPolicy(document));
            }
        }
        catch (Exception ex) when (ex is Core.Errors.DomainException or LabelException or JsonException)
        {
            // The policy service validated it; an agent that cannot parse it keeps its old rules and says so.
            _logger.LogError(ex, "Policy {Subject} (revision {Revision}) could not be imported", e.Subject, e.Revision);
        }
    }

    private void BringUpEndpoint(EndpointIdentityResolved r)
    {
        if (!_endpoints.TryGetMutable(r.EndpointId, out var endpoint))
        {
            return;
        }
        endpoint.Identity = r.Identity;
        endpoint.IdentityLabels = [.. r.IdentityLabels];
        endpoint.Transition(EndpointStates.Regenerating, $"identity {r.Identity} resolved; regenerating");
        try
        {
            var update = _engine.UpsertEndpoint(ToLocal(endpoint));
            AddCidrIdentities(update);
            var policy = _engine.GetEndpointPolicy(endpoint.Id)!;
            _datapath.Regenerate(endpoint.Id, (uint)endpoint.Identity, endpoint.InterfaceIndex, policy);
            SetLocalIpCache(endpoint);
            ApplyEndpointDiffs(update, except: endpoint.Id);
            RemoveCidrIdentities(update);
            endpoint.IngressEnforced = policy.IngressEnforced;
            endpoint.EgressEnforced = policy.EgressEnforced;
            endpoint.PolicyRevision = PolicyRevision;
            endpoint.Error = null;
            endpoint.Transition(_datapath.Enabled ? EndpointStates.Ready : EndpointStates.NotReady,
                _datapath.Enabled ? $"Successfully regenerated endpoint program (policy map: {policy.Entries.Count} entries)" : "datapath disabled on this node");
        }
        catch (Exception e) when (e is PolicyMapOverflowException or Cilium.Bpf.BpfException)
        {
            endpoint.Error = e.Message;
            endpoint.Transition(EndpointStates.NotReady, e.Message, failure: true);
            _logger.LogError(e, "Regeneration of endpoint {EndpointId} failed", endpoint.Id);
        }
        _endpoints.Persist(endpoint);
    }

    private void RestoreEndpoint(ushort id)
    {
        if (!_endpoints.TryGetMutable(id, out var endpoint) || endpoint.Identity == 0)
        {
            return;
        }
        // The pinned programs kept forwarding while the agent was away; reopen them and then converge the map to
        // what the (replayed) cluster state says now.
        _datapath.TryRestore(id);
        BringUpEndpoint(new EndpointIdentityResolved(id, endpoint.Identity, endpoint.IdentityLabels));
    }

    private void TearDownEndpoint(ushort id)
    {
        if (!_endpoints.TryGetMutable(id, out var endpoint))
        {
            return;
        }
        ApplyUpdate(_engine.RemoveEndpoint(id));
        foreach (var prefix in LocalPrefixes(endpoint))
        {
            SetIpCache(prefix, null);
        }
        _datapath.RemoveEndpoint(id, endpoint.InterfaceIndex);
    }

    private void ApplyUpdate(PolicyUpdate update)
    {
        if (update.IsEmpty)
        {
            return;
        }
        AddCidrIdentities(update);
        ApplyEndpointDiffs(update, except: null);
        RemoveCidrIdentities(update);
    }

    private void ApplyEndpointDiffs(PolicyUpdate update, ushort? except)
    {
        foreach (var diff in update.Endpoints)
        {
            if (diff.EndpointId == except || !_endpoints.TryGetMutable(diff.EndpointId, out var endpoint) || endpoint.State is not (EndpointStates.Ready or EndpointStates.NotReady or EndpointStates.Regenerating))
            {
                continue;
            }
            var policy = _engine.GetEndpointPolicy(diff.EndpointId);
            try
            {
                _datapath.Apply(diff, policy?.Entries.Count ?? 0);
                endpoint.PolicyRevision = PolicyRevision;
                if (policy is not null)
                {
                    endpoint.IngressEnforced = policy.IngressEnforced;
                    endpoint.EgressEnforced = policy.EgressEnforced;
                }
                if (endpoint.State == EndpointStates.NotReady && endpoint.Error is not null && _datapath.Enabled)
                {
                    endpoint.Error = null;
                    endpoint.Transition(EndpointStates.Ready, "policy map back within its capacity");
                }
            }
            catch (PolicyMapOverflowException e)
            {
                endpoint.Error = e.Message;
                endpoint.Transition(EndpointStates.NotReady, e.Message, failure: true);
                _logger.LogError("Endpoint {EndpointId}: {Error}", diff.EndpointId, e.Message);
            }
        }
    }

    private void AddCidrIdentities(PolicyUpdate update)
    {
        foreach (var cidr in update.CidrIdentitiesAdded)
        {
            SetIpCache(cidr.Prefix, cidr.Identity);
        }
    }

    private void RemoveCidrIdentities(PolicyUpdate update)
    {
        foreach (var cidr in update.CidrIdentitiesRemoved)
        {
            SetIpCache(cidr.Prefix, null);
        }
    }

    private void SetLocalIpCache(AgentEndpoint endpoint)
    {
        foreach (var prefix in LocalPrefixes(endpoint))
        {
            SetIpCache(prefix, (uint)endpoint.Identity);
        }
    }

    private void SetIpCache(IPNetwork prefix, uint? identity)
    {
        lock (_ipcache)
        {
            if (identity is { } id)
            {
                _ipcache[prefix] = id;
                _datapath.UpsertIpCache(prefix, id);
            }
            else if (_ipcache.Remove(prefix))
            {
                _datapath.DeleteIpCache(prefix);
            }
        }
    }

    private static IEnumerable<IPNetwork> LocalPrefixes(AgentEndpoint endpoint)
    {
        foreach (var ip in new[] { endpoint.Ipv4, endpoint.Ipv6 })
        {
            if (ip is not null && IPAddress.TryParse(ip, out var address))
            {
                yield return HostPrefix(address);
            }
        }
    }

    private static IPNetwork HostPrefix(IPAddress address) =>
        new(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);

    private static LocalEndpoint ToLocal(AgentEndpoint endpoint) => new(
        endpoint.Id,
        (uint)endpoint.Identity,
        LabelSet.Parse(endpoint.IdentityLabels.Count > 0 ? endpoint.IdentityLabels : endpoint.Labels),
        endpoint.NamedPorts
            .Where(p => !string.IsNullOrEmpty(p.Name))
            .Select(p => new CoreNamedPort(p.Name!, (ushort)p.Port, (p.Protocol ?? "TCP").ToUpperInvariant() switch { "UDP" => 17, "SCTP" => 132, _ => 6 }))
            .ToArray());
}
