using Cilium.Contracts.Identities;

namespace Cilium.Agent.Endpoints;

/// <summary>
/// The identities this node's endpoints hold, by the label list they were allocated for, with the endpoints holding
/// each. A second endpoint with the same labels takes the identity from here instead of asking the identity service
/// again: Cilium's allocator does the same with its node-local keys, so a node asks the cluster once per label set,
/// not once per pod. An entry lives while one of the node's endpoints holds it, so the table stays as small as the
/// node's set of distinct label lists.
/// </summary>
public sealed class NodeIdentityReferences
{
    private readonly object _gate = new();
    private readonly Dictionary<IReadOnlyList<string>, Held> _byLabels = new(LabelListComparer.Instance);
    private readonly Dictionary<ushort, IReadOnlyList<string>> _keyByEndpoint = [];

    /// <summary>
    /// The identity another endpoint of this node already holds for <paramref name="labels"/>, when
    /// <paramref name="committed"/> confirms it is still the cluster's identity for them (from the identity events this
    /// agent follows); null otherwise, and then the caller asks the identity service.
    /// </summary>
    public Identity? Find(IReadOnlyList<string> labels, Func<Identity, bool> committed)
    {
        Identity? identity;
        lock (_gate)
        {
            identity = _byLabels.TryGetValue(labels, out var held) ? held.Identity : null;
        }
        // Checked outside the lock: a released identity (its delete event arrived) must be allocated anew, never reused.
        return identity is not null && committed(identity) ? identity : null;
    }

    /// <summary>Records that endpoint <paramref name="endpointId"/> holds <paramref name="identity"/> for <paramref name="labels"/>.</summary>
    public void Hold(ushort endpointId, IReadOnlyList<string> labels, Identity identity)
    {
        lock (_gate)
        {
            DropLocked(endpointId);
            if (!_byLabels.TryGetValue(labels, out var held) || held.Identity.Id != identity.Id)
            {
                // A newer allocation for the same labels (the old identity was released): the next endpoints take the
                // new number; the holders counted so far keep theirs and still keep the entry alive.
                held = new Held(identity, held?.Endpoints ?? []);
                _byLabels[labels] = held;
            }
            held.Endpoints.Add(endpointId);
            _keyByEndpoint[endpointId] = labels;
        }
    }

    /// <summary>The endpoint is gone: the last holder of a label list takes its entry with it.</summary>
    public void Drop(ushort endpointId)
    {
        lock (_gate)
        {
            DropLocked(endpointId);
        }
    }

    private void DropLocked(ushort endpointId)
    {
        if (!_keyByEndpoint.Remove(endpointId, out var key) || !_byLabels.TryGetValue(key, out var held))
        {
            return;
        }
        held.Endpoints.Remove(endpointId);
        if (held.Endpoints.Count == 0)
        {
            _byLabels.Remove(key);
        }
    }

    private sealed record Held(Identity Identity, HashSet<ushort> Endpoints);

    /// <summary>Label lists are equal when they hold the same texts in the same order (endpoints keep LabelSet's sorted order).</summary>
    private sealed class LabelListComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static LabelListComparer Instance { get; } = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y, StringComparer.Ordinal));

        public int GetHashCode(IReadOnlyList<string> labels)
        {
            var hash = new HashCode();
            foreach (var label in labels)
            {
                hash.Add(label, StringComparer.Ordinal);
            }
            return hash.ToHashCode();
        }
    }
}
