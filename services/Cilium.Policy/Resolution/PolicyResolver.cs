using System.Net;
using System.Text.Json;
using Cilium.Contracts.Json;
using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Parsing;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Tracing;
using Cilium.Policy.Models;
using Microsoft.Extensions.Options;

namespace Cilium.Policy.Resolution;

/// <summary>
/// Owns this replica's <see cref="PolicyEngine"/>: the committed policies (from <see cref="Storage.PolicyCacheWatcher"/>)
/// and the cluster's identities (from <see cref="IdentityEventsWatcher"/>). The engine is single-owner, so every call
/// takes one lock; its calls are incremental and short.
/// </summary>
public sealed class PolicyResolver
{
    private readonly Lock _lock = new();
    private readonly PolicyEngine _engine;
    private readonly ILogger<PolicyResolver> _logger;

    public PolicyResolver(IOptions<PolicyOptions> options, IOptions<ServiceDefaults.ClusterOptions> cluster, ILogger<PolicyResolver> logger)
    {
        _engine = new PolicyEngine(
            new PolicyEngineOptions { ClusterName = cluster.Value.Name, EnforcementMode = options.Value.EnforcementMode },
            new CidrIdentityAllocator());
        _logger = logger;
    }

    public void SetPolicy(PolicyRecord record)
    {
        PolicyDocument document;
        try
        {
            document = Import(record);
        }
        catch (Exception e) when (e is InvalidInputException or JsonException)
        {
            // Stored by an older version that accepted it: keep serving it, but it cannot take part in traces.
            _logger.LogWarning("Stored policy {Kind}/{Namespace}/{Name} no longer imports ({Error}); left out of traces", record.Kind, record.Namespace, record.Name, e.Message);
            return;
        }
        lock (_lock)
        {
            _engine.UpsertPolicy(document);
        }
    }

    public void RemovePolicy(PolicyResourceId id)
    {
        lock (_lock)
        {
            _engine.DeletePolicy(id);
        }
    }

    /// <summary>Identities the engine owns itself (reserved, node-local CIDR) are ignored.</summary>
    public void UpsertIdentity(long id, IReadOnlyList<string> labels)
    {
        if (!IsClusterIdentity(id))
        {
            return;
        }
        var set = LabelSet.Parse(labels);
        lock (_lock)
        {
            _engine.UpsertIdentity((uint)id, set);
        }
    }

    public void RemoveIdentity(long id)
    {
        if (!IsClusterIdentity(id))
        {
            return;
        }
        lock (_lock)
        {
            _engine.RemoveIdentity((uint)id);
        }
    }

    /// <summary>Traces a flow and resolves the labels of both ends while the engine is still in the same state.</summary>
    public (PolicyTraceResult Result, LabelSet Source, LabelSet Destination) Trace(TraceRequest request, Func<IPAddress, uint?> ipcache)
    {
        lock (_lock)
        {
            var result = _engine.Trace(request, ipcache);
            return (result, LabelsOf(result.SourceIdentity, request.Source), LabelsOf(result.DestinationIdentity, request.Destination));
        }
    }

    /// <summary>The identity number the engine has for <paramref name="labels"/>, if any.</summary>
    public uint? IdentityOf(LabelSet labels)
    {
        lock (_lock)
        {
            foreach (var identity in _engine.Identities)
            {
                if (identity.Labels.Equals(labels))
                {
                    return identity.Id;
                }
            }
            return null;
        }
    }

    private LabelSet LabelsOf(uint id, TracePeer peer) =>
        id != 0 && _engine.TryGetIdentity(id, out var identity) ? identity.Labels : peer.Labels ?? LabelSet.Empty;

    private static bool IsClusterIdentity(long id) => id >= 256 && id < CidrIdentityAllocator.First - 1;

    private static PolicyDocument Import(PolicyRecord record) => Enum.Parse<PolicyKind>(record.Kind) switch
    {
        PolicyKind.CiliumNetworkPolicy => PolicyParser.Import(
            record.Manifest.Deserialize(CiliumJsonContext.Default.CiliumNetworkPolicy)!, record.Namespace ?? PolicyParser.DefaultNamespace),
        PolicyKind.CiliumClusterwideNetworkPolicy => PolicyParser.Import(
            record.Manifest.Deserialize(CiliumJsonContext.Default.CiliumClusterwideNetworkPolicy)!),
        PolicyKind.NetworkPolicy => PolicyParser.Import(
            record.Manifest.Deserialize(CiliumJsonContext.Default.NetworkPolicy)!, record.Namespace ?? PolicyParser.DefaultNamespace),
        _ => throw new InvalidInputException("kind", $"'{record.Kind}' is not a policy kind"),
    };
}
