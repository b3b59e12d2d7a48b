using System.Collections.Concurrent;
using System.Net;
using Cilium.Agent.Clients;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Identities;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// The node's endpoints: ids 1..4095 unique on the node, the lifecycle waiting-for-identity -> regenerating ->
/// ready, persistence in the state dir, and the calls to the identity and endpoint services, retried with
/// back-off while those are down. Datapath and policy work is handed to the <see cref="AgentReconciler"/>.
/// </summary>
public sealed class EndpointManager
{
    public const int MaxEndpointId = 4095;

    private readonly object _gate = new();
    private readonly Dictionary<ushort, AgentEndpoint> _endpoints = [];
    private readonly ConcurrentDictionary<ushort, CancellationTokenSource> _lifetimes = new();
    private readonly ConcurrentDictionary<ushort, TaskCompletionSource> _settled = new();
    private readonly ConcurrentDictionary<ushort, long> _identityResolvedAt = new();
    private readonly EndpointStore _store;
    private readonly NodeIdentityReferences _identityReferences;
    private readonly IServiceProvider _services;
    private readonly AgentOptions _options;
    private readonly ILogger<EndpointManager> _logger;
    private readonly ResiliencePipeline _retry;

    public EndpointManager(EndpointStore store, NodeIdentityReferences identityReferences, IServiceProvider services, IOptions<AgentOptions> options, ILogger<EndpointManager> logger)
    {
        _store = store;
        _identityReferences = identityReferences;
        _services = services;
        _options = options.Value;
        _logger = logger;
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(5),
                UseJitter = true,
                // Retry all but permanent answers and our own cancellation (an HttpClient timeout is a cancellation too).
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } e && e is not ServiceCallException { IsPermanent: true } && !args.Context.CancellationToken.IsCancellationRequested),
            })
            .Build();
    }

    private AgentReconciler Reconciler => _services.GetRequiredService<AgentReconciler>();

    public IReadOnlyList<AgentEndpoint> All
    {
        get
        {
            lock (_gate)
            {
                return _endpoints.Values.OrderBy(e => e.Id).Select(e => e.Snapshot()).ToList();
            }
        }
    }

    public bool TryGet(ushort id, out AgentEndpoint endpoint)
    {
        lock (_gate)
        {
            if (_endpoints.TryGetValue(id, out var e))
            {
                endpoint = e.Snapshot();
                return true;
            }
        }
        endpoint = null!;
        return false;
    }

    /// <summary>For the reconciler loop only: the live object it mutates.</summary>
    internal bool TryGetMutable(ushort id, out AgentEndpoint endpoint)
    {
        lock (_gate)
        {
            return _endpoints.TryGetValue(id, out endpoint!);
        }
    }

    public bool OwnsLocalIp(IPAddress address)
    {
        var text = address.ToString();
        lock (_gate)
        {
            return _endpoints.Values.Any(e => e.Ipv4 == text || e.Ipv6 == text);
        }
    }

    /// <summary>Finds an endpoint by any of Cilium's id forms (<c>reference/CILIUM.md</c> 1.3).</summary>
    public AgentEndpoint? Find(EndpointIdSpec spec)
    {
        lock (_gate)
        {
            var found = spec.Kind switch
            {
                EndpointIdKind.CiliumLocal => spec.LocalId is { } id && _endpoints.TryGetValue((ushort)id, out var e) ? e : null,
                EndpointIdKind.CniAttachmentId or EndpointIdKind.ContainerId => _endpoints.Values.FirstOrDefault(e =>
                    e.ContainerId == spec.ContainerId && (spec.InterfaceName is null || spec.InterfaceName == e.ContainerInterfaceName)),
                EndpointIdKind.CepName or EndpointIdKind.PodName => _endpoints.Values.FirstOrDefault(e => e.K8sNamespace == spec.Namespace && e.K8sPodName == spec.Name),
                EndpointIdKind.Ipv4 => _endpoints.Values.FirstOrDefault(e => e.Ipv4 == spec.Address?.ToString()),
                EndpointIdKind.Ipv6 => _endpoints.Values.FirstOrDefault(e => e.Ipv6 == spec.Address?.ToString()),
                _ => null,
            };
            return found?.Snapshot();
        }
    }

    /// <summary>
    /// Creates an endpoint from the CNI plugin's request. With <c>sync-build-endpoint</c> it answers once the
    /// endpoint is ready (or failed), as Cilium's CNI expects, so traffic is allowed by policy when ADD returns.
    /// </summary>
    public async Task<AgentEndpoint> CreateAsync(long requestedId, EndpointChangeRequest request, CancellationToken cancellationToken)
    {
        var labels = ValidateLabels(request.Labels);
        var ipv4 = ValidateIp(request.Addressing?.Ipv4, "addressing.ipv4", System.Net.Sockets.AddressFamily.InterNetwork);
        var ipv6 = ValidateIp(request.Addressing?.Ipv6, "addressing.ipv6", System.Net.Sockets.AddressFamily.InterNetworkV6);
        if (ipv4 is null && ipv6 is null)
        {
            throw new InvalidInputException("addressing", "an endpoint needs an IPv4 or IPv6 address");
        }
        if (request.InterfaceIndex < 0)
        {
            throw new InvalidInputException("interface-index", "must not be negative");
        }
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        AgentEndpoint endpoint;
        lock (_gate)
        {
            var id = requestedId > 0 ? (ushort)requestedId : NextFreeId();
            if (requestedId is < 0 or > MaxEndpointId)
            {
                throw new InvalidInputException("id", $"endpoint ids are 1..{MaxEndpointId}");
            }
            if (_endpoints.ContainsKey(id))
            {
                throw new ConflictException($"endpoint {id} already exists");
            }
            var clash = _endpoints.Values.FirstOrDefault(e => (ipv4 is not null && e.Ipv4 == ipv4) || (ipv6 is not null && e.Ipv6 == ipv6));
            if (clash is not null)
            {
                throw new ConflictException($"IP {ipv4 ?? ipv6} is already used by endpoint {clash.Id} ({clash.Name})");
            }
            endpoint = new AgentEndpoint
            {
                Id = id,
                ContainerId = request.ContainerId,
                ContainerInterfaceName = request.ContainerInterfaceName,
                ContainerNetnsPath = request.ContainerNetnsPath,
                InterfaceName = request.InterfaceName,
                InterfaceIndex = (int)request.InterfaceIndex,
                K8sNamespace = request.K8sNamespace,
                K8sPodName = request.K8sPodName,
                Ipv4 = ipv4,
                Ipv6 = ipv6,
                Mac = request.Mac,
                HostMac = request.HostMac,
                Labels = [.. labels.ToStrings()],
            };
            endpoint.Transition(EndpointStates.WaitingForIdentity, "Endpoint creation");
            _endpoints[id] = endpoint;
            _store.Save(endpoint);
        }
        _settled[endpoint.Id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StartLifecycle(endpoint.Id, endpoint.Labels);
        if (request.SyncBuildEndpoint)
        {
            await WaitSettledAsync(endpoint.Id, TimeSpan.FromSeconds(30), cancellationToken);
        }
        var result = TryGet(endpoint.Id, out var current) ? current : endpoint.Snapshot();
        LogCreation(result, started);
        return result;
    }

    /// <summary>Waits until the endpoint is ready or has failed; a timeout leaves it as it is.</summary>
    public async Task WaitSettledAsync(ushort id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_settled.TryGetValue(id, out var settled))
        {
            try
            {
                await settled.Task.WaitAsync(timeout, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    public async Task<bool> DeleteAsync(ushort id, CancellationToken cancellationToken)
    {
        AgentEndpoint? endpoint;
        lock (_gate)
        {
            _endpoints.TryGetValue(id, out endpoint);
        }
        if (endpoint is null)
        {
            return false;
        }
        if (_lifetimes.TryRemove(id, out var lifetime))
        {
            await lifetime.CancelAsync();
            lifetime.Dispose();
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Reconciler.EnqueueAsync(new EndpointTeardown(id, done), cancellationToken);
        await done.Task.WaitAsync(cancellationToken);
        lock (_gate)
        {
            _endpoints.Remove(id);
            _identityReferences.Drop(id);
            _store.Delete(id);
        }
        _settled.TryRemove(id, out _);
        if (endpoint.K8sNamespace is { Length: > 0 } ns && endpoint.K8sPodName is { Length: > 0 } pod)
        {
            _ = Task.Run(() => UnregisterAsync(ns, pod), CancellationToken.None);
        }
        _logger.LogInformation("Endpoint {EndpointId} ({Name}) deleted", id, endpoint.Name);
        return true;
    }

    /// <summary>Called by the reconciler after each regeneration: persists and wakes anyone waiting for the endpoint.</summary>
    internal void Persist(AgentEndpoint endpoint)
    {
        lock (_gate)
        {
            if (_endpoints.ContainsKey(endpoint.Id))
            {
                _store.Save(endpoint);
            }
        }
        if (endpoint.State is EndpointStates.Ready or EndpointStates.NotReady or EndpointStates.Invalid && _settled.TryGetValue(endpoint.Id, out var settled))
        {
            settled.TrySetResult();
        }
    }

    /// <summary>Restores the endpoints of a previous run from the state dir (their programs are still pinned).</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var restored = _store.LoadAll();
        foreach (var endpoint in restored)
        {
            lock (_gate)
            {
                _endpoints[endpoint.Id] = endpoint;
                if (endpoint.Identity > 0 && endpoint.IdentityLabels.Count > 0)
                {
                    _identityReferences.Hold(endpoint.Id, endpoint.Labels,
                        new Identity(endpoint.Identity, endpoint.IdentityLabels, LabelSet.Parse(endpoint.IdentityLabels).Sha256));
                }
            }
            _settled[endpoint.Id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (endpoint.Identity > 0)
            {
                endpoint.Transition(EndpointStates.Restoring, "Restoring endpoint after agent restart");
                await Reconciler.EnqueueAsync(new EndpointRestored(endpoint.Id), cancellationToken);
            }
            else
            {
                StartLifecycle(endpoint.Id, endpoint.Labels);
            }
        }
        if (restored.Count > 0)
        {
            _logger.LogInformation("Restored {Count} endpoints from {StateDir}", restored.Count, _options.StateDir);
        }
    }

    private void StartLifecycle(ushort id, IReadOnlyList<string> labels)
    {
        var lifetime = new CancellationTokenSource();
        _lifetimes[id] = lifetime;
        _ = Task.Run(() => ResolveAndRegisterAsync(id, labels, lifetime.Token), CancellationToken.None);
    }

    private async Task ResolveAndRegisterAsync(ushort id, IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        try
        {
            var identity = _identityReferences.Find(labels, Reconciler.IsCommitted) ?? await AllocateAsync(labels, cancellationToken);
            lock (_gate)
            {
                // Under the gate, so a delete that already removed the endpoint cannot leave a reference behind.
                if (_endpoints.ContainsKey(id))
                {
                    _identityReferences.Hold(id, labels, identity);
                }
            }
            _identityResolvedAt[id] = System.Diagnostics.Stopwatch.GetTimestamp();
            await Reconciler.EnqueueAsync(new EndpointIdentityResolved(id, identity.Id, identity.Labels), cancellationToken);
            await RegisterAsync(id, identity.Id, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (ServiceCallException e)
        {
            _logger.LogError("Endpoint {EndpointId}: {Error}", id, e.Message);
            if (TryGetMutable(id, out var endpoint))
            {
                endpoint.Error = e.Message;
                endpoint.Transition(EndpointStates.Invalid, e.Message, failure: true);
                Persist(endpoint);
            }
        }
    }

    private async Task<Identity> AllocateAsync(IReadOnlyList<string> labels, CancellationToken cancellationToken)
    {
        var identities = _services.GetRequiredService<IdentityServiceClient>();
        return await _retry.ExecuteAsync(async ct => await identities.AllocateAsync(labels, ct), cancellationToken);
    }

    /// <summary>Publishes the endpoint to the cluster (the endpoint service), so other nodes learn its IP and identity.</summary>
    private async Task RegisterAsync(ushort id, long identity, CancellationToken cancellationToken)
    {
        if (!TryGet(id, out var endpoint) || endpoint.K8sNamespace is not { Length: > 0 } ns || endpoint.K8sPodName is not { Length: > 0 } pod)
        {
            return;
        }
        var registry = _services.GetRequiredService<EndpointServiceClient>();
        var request = new PutEndpointRequest(
            _options.NodeName,
            endpoint.Id,
            new EndpointAddressing(endpoint.Ipv4, endpoint.Ipv6),
            identity,
            endpoint.Labels,
            endpoint.NamedPorts);
        await _retry.ExecuteAsync(async ct => await registry.PutEndpointAsync(ns, pod, request, ct), cancellationToken);
    }

    private async Task UnregisterAsync(string ns, string pod)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var registry = _services.GetRequiredService<EndpointServiceClient>();
            await _retry.ExecuteAsync(async ct => await registry.DeleteEndpointAsync(ns, pod, ct), timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ServiceCallException)
        {
            _logger.LogWarning("Could not remove {Namespace}/{Pod} from the endpoint service: {Error}", ns, pod, e.Message);
        }
    }

    /// <summary>Where the time of a creation went: the identity service's answer, then the reconciler's regeneration.</summary>
    private void LogCreation(AgentEndpoint endpoint, long started)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            _identityResolvedAt.TryRemove(endpoint.Id, out _);
            return;
        }
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var total = System.Diagnostics.Stopwatch.GetElapsedTime(started, now).TotalMilliseconds;
        var identityMs = _identityResolvedAt.TryRemove(endpoint.Id, out var at) ? System.Diagnostics.Stopwatch.GetElapsedTime(started, at).TotalMilliseconds : double.NaN;
        _logger.LogInformation("Endpoint {EndpointId} ({Name}) {State} in {ElapsedMs:F1} ms: identity {Identity} after {IdentityMs:F1} ms, regeneration {RegenerationMs:F1} ms",
            endpoint.Id, endpoint.Name, endpoint.State, total, endpoint.Identity, identityMs, total - identityMs);
    }

    private ushort NextFreeId()
    {
        for (ushort id = 1; id <= MaxEndpointId; id++)
        {
            if (!_endpoints.ContainsKey(id))
            {
                return id;
            }
        }
        throw new CapacityExhaustedException($"all {MaxEndpointId} endpoint ids of this node are in use");
    }

    private static LabelSet ValidateLabels(IReadOnlyList<string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            throw new InvalidInputException("labels", "an endpoint needs at least one label");
        }
        try
        {
            return LabelSet.Parse(labels);
        }
        catch (LabelException e)
        {
            throw new InvalidInputException("labels", $"label '{e.Label}': {e.Reason}");
        }
    }

    private static string? ValidateIp(string? text, string field, System.Net.Sockets.AddressFamily family)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var withoutPrefix = text.Split('/')[0];
        if (!IPAddress.TryParse(withoutPrefix, out var ip) || ip.AddressFamily != family)
        {
            throw new InvalidInputException(field, $"'{text}' is not an {(family == System.Net.Sockets.AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address");
        }
        return ip.ToString();
    }
}
