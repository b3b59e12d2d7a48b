using Cilium.Core.Labels;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// The policy engine: rules x identities -> each local endpoint's desired policy map, kept up to date incrementally.
/// Feed it identities (<see cref="UpsertIdentity"/>), policies (<see cref="UpsertPolicy(PolicyDocument)"/>) and the
/// node's endpoints (<see cref="UpsertEndpoint"/>); every call returns a <see cref="PolicyUpdate"/> with the exact map
/// diffs to apply and the CIDR identities to add to or remove from the ipcache. Not thread-safe: one owner calls it
/// (the agent's policy loop, or the policy service under its lock).
/// </summary>
public sealed partial class PolicyEngine
{
    private readonly PolicyEngineOptions _options;
    private readonly CidrIdentityAllocator _cidrAllocator;
    private readonly EntitySelectors _entities;
    private readonly Dictionary<uint, PolicyIdentity> _identities = [];
    private readonly Dictionary<LabelSet, LabelSet> _internedLabels = [];
    private readonly SelectorCache _selectors = new();
    private readonly Dictionary<PolicyResourceId, List<CompiledRule>> _policies = [];
    private readonly List<CompiledRule> _rules = [];
    private readonly Dictionary<ushort, EndpointState> _endpoints = [];
    private Dictionary<string, List<NamedPort>> _clusterNamedPorts = new(StringComparer.Ordinal);

    public PolicyEngine(PolicyEngineOptions options, CidrIdentityAllocator cidrAllocator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cidrAllocator);
        _options = options;
        _cidrAllocator = cidrAllocator;
        _entities = new EntitySelectors(options.ClusterName);
        foreach (var (id, labels) in ReservedLabels())
        {
            var identity = new PolicyIdentity(id, Intern(labels));
            _identities[id] = identity;
        }
    }

    public PolicyEngine() : this(new PolicyEngineOptions(), new CidrIdentityAllocator()) { }

    public PolicyEngineOptions Options => _options;

    /// <summary>Every identity the engine knows: reserved, cluster and CIDR identities.</summary>
    public IReadOnlyCollection<PolicyIdentity> Identities => _identities.Values;

    /// <summary>Every rule, in the order policies were applied.</summary>
    public IEnumerable<Rule> Rules => _rules.Select(r => r.Rule);

    public IEnumerable<PolicyResourceId> Policies => _policies.Keys;

    /// <summary>Distinct selectors in the selector cache.</summary>
    public int SelectorCount => _selectors.Count;

    public bool TryGetIdentity(uint id, out PolicyIdentity identity) => _identities.TryGetValue(id, out identity!);

    /// <summary>
    /// The reserved identities with their labels (reference 2.1); kube-apiserver also carries
    /// <c>reserved:remote-node</c>, so the remote-node entity selects it.
    /// </summary>
    private static IEnumerable<(uint Id, LabelSet Labels)> ReservedLabels()
    {
        foreach (var (id, labels) in ReservedIdentities.All)
        {
            if (id == ReservedIdentities.KubeApiServer)
            {
                yield return ((uint)id, LabelSet.From([.. labels, new Label(LabelSources.Reserved, "remote-node", "")]));
            }
            else
            {
                yield return ((uint)id, labels);
            }
        }
    }

    private LabelSet Intern(LabelSet labels)
    {
        if (_internedLabels.TryGetValue(labels, out var interned))
        {
            return interned;
        }
        _internedLabels[labels] = labels;
        return labels;
    }

    /// <summary>
    /// Computes one endpoint's desired policy map from scratch with a throw-away engine: the stateless form of what
    /// the engine keeps incrementally.
    /// </summary>
    public static EndpointPolicy Resolve(
        PolicyEngineOptions options,
        IEnumerable<Rule> rules,
        IEnumerable<(uint Id, LabelSet Labels)> identities,
        LocalEndpoint endpoint,
        IEnumerable<NamedPort>? clusterNamedPorts = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(identities);
        ArgumentNullException.ThrowIfNull(endpoint);
        var engine = new PolicyEngine(options, new CidrIdentityAllocator());
        foreach (var (id, labels) in identities)
        {
            engine.UpsertIdentity(id, labels);
        }
        foreach (var group in rules.GroupBy(r => r.Origin.Resource ?? new PolicyResourceId(PolicyKind.CiliumClusterwideNetworkPolicy, null, "(unnamed)")))
        {
            engine.UpsertPolicy(group.Key, [.. group]);
        }
        if (clusterNamedPorts is not null)
        {
            engine.SetClusterNamedPorts(clusterNamedPorts);
        }
        engine.UpsertEndpoint(endpoint);
        return engine.GetEndpointPolicy(endpoint.Id)!;
    }
}
