using System.Net;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;

namespace Cilium.Core.Policy.Tracing;

/// <summary>
/// One end of a traced flow, given by labels, by identity number or by address (resolved through the caller's
/// ipcache, else the engine's CIDR identities, else world). <see cref="NamedPorts"/> are the destination's named
/// ports, for ingress rules that name a port.
/// </summary>
public sealed record TracePeer
{
    public LabelSet? Labels { get; init; }
    public uint? Identity { get; init; }
    public IPAddress? Address { get; init; }
    public IReadOnlyList<NamedPort> NamedPorts { get; init; } = [];

    public static TracePeer FromLabels(LabelSet labels) => new() { Labels = labels };
    public static TracePeer FromIdentity(uint identity) => new() { Identity = identity };
    public static TracePeer FromAddress(IPAddress address) => new() { Address = address };

    public override string ToString() =>
        Labels is not null ? $"[{Labels}]" : Identity is not null ? $"identity {Identity}" : Address?.ToString() ?? "?";
}
