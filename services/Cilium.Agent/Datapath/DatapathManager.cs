using System.Net;
using Cilium.Bpf;
using Microsoft.Extensions.Options;
using BpfDirection = Cilium.Bpf.Maps.TrafficDirection;
using BpfMaps = Cilium.Bpf.Maps;
using CorePolicy = Cilium.Core.Policy.Engine;

namespace Cilium.Agent.Datapath;

/// <summary>
/// The agent's hands on the kernel: opens the node's pinned maps and programs, gives each endpoint its policy map
/// and attaches the node's programs to its veth, and writes policy maps and the ipcache. Called only from the <see cref="AgentReconciler"/> loop, so no two
/// writers ever race on a map.
/// </summary>
public sealed class DatapathManager : IDisposable
{
    private readonly AgentOptions _options;
    private readonly ILogger<DatapathManager> _logger;
    private readonly Dictionary<ushort, EndpointDatapath> _endpoints = [];
    private readonly System.Diagnostics.Metrics.Counter<long> _overflows;
    private Cilium.Bpf.Datapath? _datapath;

    public DatapathManager(IOptions<AgentOptions> options, ILogger<DatapathManager> logger, System.Diagnostics.Metrics.IMeterFactory meters)
    {
        _options = options.Value;
        _logger = logger;
        _overflows = meters.Create(new System.Diagnostics.Metrics.MeterOptions("cilium-agent")).CreateCounter<long>("cilium_policy_map_overflows_total", description: "Endpoint regenerations refused because the policy map would overflow");
    }

    public bool Enabled => _options.Datapath;

    /// <summary>True once <see cref="Open"/> has opened the node's datapath.</summary>
    public bool IsOpen => _datapath is not null;

    public Cilium.Bpf.Datapath Node => _datapath ?? throw new InvalidOperationException("the datapath is not open");

    public NetworkNamespace? HostNamespace => string.IsNullOrEmpty(_options.HostNetns) ? null : NetworkNamespace.Named(_options.HostNetns);

    /// <summary>Counts policy maps that would have overflowed (the endpoint was put in error instead).</summary>
    public long PolicyMapOverflows { get; private set; }

    public void Open()
    {
        if (!Enabled || _datapath is not null)
        {
            return;
        }
        _datapath = Cilium.Bpf.Datapath.Open(new DatapathOptions { BpffsRoot = _options.BpffsRoot, PolicyMaxEntries = _options.PolicyMapMaxEntries }, _logger);
        _logger.LogInformation("Datapath open under {BpffsRoot}; programs {Programs}; {Pinned} endpoints pinned from before",
            _options.BpffsRoot, _datapath.ProgramsLoaded ? "loaded" : "reused from pins", _datapath.PinnedEndpoints().Count);
    }

    /// <summary>
    /// Makes the endpoint's policy map equal to <paramref name="policy"/> (creating the map on first use), sets its
    /// identity, then registers it on its veth and attaches the node's programs there. Entries are written before
    /// stale ones are removed, so traffic that both the old and the new policy allow is never dropped, and the
    /// programs only see a complete map. Nothing is loaded: the node's programs serve every endpoint.
    /// </summary>
    public void Regenerate(ushort endpointId, uint identity, int ifindex, CorePolicy.EndpointPolicy policy)
    {
        if (!Enabled)
        {
            return;
        }
        CheckCapacity(endpointId, policy.Entries.Count);
        if (!_endpoints.TryGetValue(endpointId, out var endpoint))
        {
            endpoint = Node.AddEndpoint(endpointId, identity);
            _endpoints[endpointId] = endpoint;
        }
        var removed = SyncMap(endpoint.Policy, policy);
        endpoint.SetIdentity(identity);
        if (ifindex > 0)
        {
            endpoint.Attach(ifindex, HostNamespace);
        }
        if (removed > 0)
        {
            endpoint.BumpPolicyRevision();
        }
    }

    /// <summary>
    /// Runs a regeneration's map code (key conversion, writes, the stale-entry scan, removals) once on a scratch map
    /// that nothing uses, so the node's first endpoint does not pay for it: the services run precompiled without
    /// re-JIT, and what the precompiled code leaves out is compiled on first use.
    /// </summary>
    public void WarmUp(CorePolicy.EndpointPolicy sample)
    {
        if (!Enabled || !IsOpen)
        {
            return;
        }
        using var scratch = Node.CreateScratchPolicyMap();
        SyncMap(scratch, sample);
        foreach (var key in scratch.Entries().Select(e => e.Key).ToList())
        {
            scratch.Remove(key);
        }
    }

    /// <summary>Re-opens an endpoint's pinned programs and map after an agent restart, without touching traffic.</summary>
    public bool TryRestore(ushort endpointId)
    {
        if (!Enabled || !Node.PinnedEndpoints().Contains(endpointId))
        {
            return false;
        }
        _endpoints[endpointId] = Node.OpenEndpoint(endpointId);
        return true;
    }

    /// <summary>Applies one endpoint's diff: adds and changes first, removals last (make-before-break).</summary>
    public void Apply(CorePolicy.EndpointPolicyDiff diff, int desiredCount)
    {
        if (!Enabled || !_endpoints.TryGetValue(diff.EndpointId, out var endpoint))
        {
            return;
        }
        CheckCapacity(diff.EndpointId, desiredCount);
        var narrowed = false;
        foreach (var change in diff.Changes.Where(c => c.After is not null))
        {
            endpoint.Policy.Set(ToBpf(change.Key), change.After!.IsDeny);
            narrowed |= change.After.IsDeny;
        }
        foreach (var change in diff.Changes.Where(c => c.After is null))
        {
            endpoint.Policy.Remove(ToBpf(change.Key));
            narrowed = true;
        }
        if (narrowed)
        {
            // Connections admitted under the old policy are judged again on their next packet.
            endpoint.BumpPolicyRevision();
        }
    }

    private void CheckCapacity(ushort endpointId, int desiredCount)
    {
        if (desiredCount > Node.PolicyMaxEntries)
        {
            PolicyMapOverflows++;
            _overflows.Add(1);
            throw new PolicyMapOverflowException(endpointId, desiredCount, Node.PolicyMaxEntries);
        }
    }

    public void RemoveEndpoint(ushort endpointId, int ifindex)
    {
        if (!Enabled)
        {
            return;
        }
        if (_endpoints.Remove(endpointId, out var endpoint))
        {
            if (ifindex > 0)
            {
                try
                {
                    endpoint.Detach(ifindex, HostNamespace);
                }
                catch (BpfException e)
                {
                    // The veth usually went away with the pod, taking its tc hooks with it.
                    _logger.LogDebug(e, "Detach of endpoint {EndpointId} from ifindex {Ifindex} skipped", endpointId, ifindex);
                }
            }
            endpoint.Dispose();
        }
        Node.RemoveEndpoint(endpointId);
    }

    public void UpsertIpCache(IPNetwork prefix, uint identity)
    {
        if (Enabled)
        {
            Node.IpCache.Upsert(prefix, identity);
        }
    }

    public void DeleteIpCache(IPNetwork prefix)
    {
        if (Enabled)
        {
            Node.IpCache.Delete(prefix);
        }
    }

    public IEnumerable<KeyValuePair<BpfMaps.PolicyKey, BpfMaps.PolicyEntry>> PolicyEntries(ushort endpointId) =>
        Enabled && _endpoints.TryGetValue(endpointId, out var e) ? e.Policy.Entries() : [];

    public static BpfMaps.PolicyKey ToBpf(CorePolicy.PolicyKey key) =>
        BpfMaps.PolicyMap.Key(
            key.Identity,
            key.Direction == CorePolicy.TrafficDirection.Egress ? BpfDirection.Egress : BpfDirection.Ingress,
            key.Protocol,
            key.Port,
            key.Protocol == 0 ? 0 : key.PortPrefixLength);

    /// <summary>Writes the desired entries, then removes stale ones; returns how many were removed.</summary>
    private static int SyncMap(BpfMaps.PolicyMap map, CorePolicy.EndpointPolicy policy)
    {
        var desired = new Dictionary<BpfMaps.PolicyKey, bool>();
        foreach (var (key, entry) in policy.Entries)
        {
            desired[ToBpf(key)] = entry.IsDeny;
        }
        foreach (var (key, deny) in desired)
        {
            map.Set(key, deny);
        }
        var stale = map.Entries().Select(e => e.Key).Where(k => !desired.ContainsKey(k)).ToList();
        foreach (var key in stale)
        {
            map.Remove(key);
        }
        return stale.Count;
    }

    public void Dispose()
    {
        foreach (var e in _endpoints.Values)
        {
            e.Dispose();
        }
        _endpoints.Clear();
        _datapath?.Dispose();
    }
}
