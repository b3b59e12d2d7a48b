using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Engine;

/// <summary>
/// A <see cref="PeerRule"/> bound to the selector cache: its selectors (one entry per use, so counts stay exact), a
/// wildcard flag for identity 0, and its ports pre-split into (protocol, port, prefix) blocks; named ports stay names
/// until an endpoint resolves them.
/// </summary>
internal sealed class CompiledPeerRule(CompiledRule rule, TrafficDirection direction, bool deny, PeerRule source)
{
    public CompiledRule Rule { get; } = rule;
    public TrafficDirection Direction { get; } = direction;
    public bool Deny { get; } = deny;
    public PeerRule Source { get; } = source;
    public bool Wildcard { get; set; }
    public List<CachedSelector> Selectors { get; } = [];
    public List<(byte Protocol, ushort Port, byte PrefixLength)> StaticKeys { get; } = [];
    public List<PortSpec> NamedPorts { get; } = [];
}
