using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Tracing;

/// <summary>
/// A flow to trace: source, destination, destination port and protocol (<see cref="Protocols"/>; 0 = any). For ICMP
/// and ICMPv6, <see cref="DestinationPort"/> is the ICMP type.
/// </summary>
public sealed record TraceRequest(TracePeer Source, TracePeer Destination, ushort DestinationPort, byte Protocol);
