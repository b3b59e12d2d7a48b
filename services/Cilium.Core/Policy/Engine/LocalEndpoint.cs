using Cilium.Core.Labels;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// An endpoint whose policy map the engine keeps: its id, its identity and that identity's labels (the subject
/// selectors match these), and its named ports, against which ingress rules naming a port resolve.
/// </summary>
public sealed record LocalEndpoint(ushort Id, uint Identity, LabelSet Labels, IReadOnlyList<NamedPort> NamedPorts)
{
    public LocalEndpoint(ushort id, uint identity, LabelSet labels) : this(id, identity, labels, []) { }
}
