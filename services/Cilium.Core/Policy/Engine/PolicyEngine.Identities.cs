using Cilium.Core.Errors;
using Cilium.Core.Labels;

namespace Cilium.Core.Policy.Engine;

public sealed partial class PolicyEngine
{
    /// <summary>
    /// Adds an identity, or replaces the labels of a known one. Only the selectors that select it change, and only the
    /// endpoints selected by rules using those selectors get new entries.
    /// </summary>
    public PolicyUpdate UpsertIdentity(uint id, LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        CheckExternalIdentity(id);
        var builder = new UpdateBuilder();
        if (_identities.TryGetValue(id, out var existing))
        {
            if (existing.Labels.Equals(labels))
            {
                return PolicyUpdate.Empty;
            }
            RemoveIdentityCore(id, builder);
        }
        AddIdentityCore(new PolicyIdentity(id, Intern(labels)), builder);
        return builder.Build();
    }

    /// <summary>Removes an identity; the entries it had in every endpoint's map go away.</summary>
    public PolicyUpdate RemoveIdentity(uint id)
    {
        CheckExternalIdentity(id);
        if (!_identities.ContainsKey(id))
        {
            return PolicyUpdate.Empty;
        }
        var builder = new UpdateBuilder();
        RemoveIdentityCore(id, builder);
        return builder.Build();
    }

    private static void CheckExternalIdentity(uint id)
    {
        if (id == 0 || (id <= ReservedIdentities.WorldIPv6))
        {
            throw new InvalidInputException("identity", $"{id} is a fixed reserved identity the engine already knows");
        }
        if (id >= CidrIdentityAllocator.First - 1)
        {
            throw new InvalidInputException("identity", $"{id} is in the node-local range, which the engine allocates itself");
        }
    }

    private void AddIdentityCore(PolicyIdentity identity, UpdateBuilder builder)
    {
        _identities[identity.Id] = identity;
        var changed = _selectors.OnIdentityAdded(identity);
        ApplySelectionChange(changed, identity.Id, add: true, builder);
    }

    private void RemoveIdentityCore(uint id, UpdateBuilder builder)
    {
        var changed = _selectors.OnIdentityRemoved(id);
        _identities.Remove(id);
        ApplySelectionChange(changed, id, add: false, builder);
    }

    /// <summary>The incremental path: one identity entered or left these selectors.</summary>
    private void ApplySelectionChange(List<CachedSelector> changed, uint identity, bool add, UpdateBuilder builder)
    {
        if (changed.Count == 0 || _options.EnforcementMode == PolicyEnforcementMode.Never)
        {
            return;
        }
        var touched = new HashSet<EndpointState>();
        foreach (var cached in changed)
        {
            foreach (var peerRule in cached.Users)
            {
                foreach (var endpoint in peerRule.Rule.Endpoints)
                {
                    EmitKeys(endpoint.Map, peerRule, identity, endpoint, add);
                    touched.Add(endpoint);
                }
            }
        }
        foreach (var endpoint in touched)
        {
            endpoint.Map.Commit(builder.For(endpoint.Id));
        }
    }
}
