using Cilium.Core.Labels;

namespace Cilium.Core.Policy.Selectors;

/// <summary>
/// A Kubernetes label selector over identity labels with sources: all requirements must hold. The empty selector
/// selects everything; as a peer it is Cilium's wildcard (<c>api.WildcardEndpointSelector</c>), which the policy map
/// expresses as identity 0 rather than one entry per identity.
/// </summary>
public sealed class EndpointSelector : PeerSelector
{
    private readonly SelectorRequirement[] _requirements;

    public static EndpointSelector Wildcard { get; } = new([]);

    public EndpointSelector(IEnumerable<SelectorRequirement> requirements)
    {
        var unique = new SortedSet<SelectorRequirement>(requirements);
        _requirements = [.. unique];
        Key = _requirements.Length == 0 ? "{}" : "{" + string.Join("; ", _requirements.Select(r => r.Canonical)) + "}";
    }

    public IReadOnlyList<SelectorRequirement> Requirements => _requirements;

    public bool IsWildcard => _requirements.Length == 0;

    public override string Key { get; }

    public bool Matches(LabelSet labels)
    {
        foreach (var requirement in _requirements)
        {
            if (!requirement.Matches(labels))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Matches(PolicyIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return Matches(identity.Labels);
    }

    /// <summary>True when a requirement is on <paramref name="key"/> with one of the given sources.</summary>
    public bool HasKey(string key, params ReadOnlySpan<string> sources)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Key == key && sources.Contains(requirement.Source))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when a requirement's key starts with <paramref name="prefix"/> with one of the given sources.</summary>
    public bool HasKeyPrefix(string prefix, params ReadOnlySpan<string> sources)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Key.StartsWith(prefix, StringComparison.Ordinal) && sources.Contains(requirement.Source))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when any requirement names a label of <paramref name="source"/>.</summary>
    public bool HasSource(string source)
    {
        foreach (var requirement in _requirements)
        {
            if (requirement.Source == source)
            {
                return true;
            }
        }
        return false;
    }

    public EndpointSelector With(SelectorRequirement requirement) => new(_requirements.Append(requirement));

    public EndpointSelector With(IEnumerable<SelectorRequirement> requirements) => new(_requirements.Concat(requirements));

    /// <summary>A selector for one exact label (<c>reserved:host</c>, <c>k8s:app=web</c>).</summary>
    public static EndpointSelector ForLabel(Label label) =>
        new([new SelectorRequirement(label.Source, label.Key, SelectorOperator.In, [label.Value])]);
}
