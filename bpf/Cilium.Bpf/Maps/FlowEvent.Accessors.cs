using System.Net;
using System.Net.Sockets;

namespace Cilium.Bpf.Maps;

/// <summary>Host-order views of a <see cref="FlowEvent"/>; the record itself stays as the datapath wrote it.</summary>
public partial struct FlowEvent
{
    public readonly AddressFamily AddressFamily => Family == 6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
    public readonly IPAddress Source => NetworkOrder.ReadAddress(Saddr, AddressFamily);
    public readonly IPAddress Destination => NetworkOrder.ReadAddress(Daddr, AddressFamily);
    public readonly ushort SourcePort => NetworkOrder.HostPort(Sport);
    public readonly ushort DestinationPort => NetworkOrder.HostPort(Dport);
    public readonly FlowEventType EventType => (FlowEventType)Type;
    public readonly Verdict EventVerdict => (Verdict)Verdict;
    public readonly TrafficDirection TrafficDirection => (TrafficDirection)Direction;
    public readonly PolicyMatchType PolicyMatch => (PolicyMatchType)MatchType;
    public readonly CtState ConnectionState => (CtState)CtState;

    public override readonly string ToString() =>
        $"{EventType} {EventVerdict} reason={DropReason} ep={EndpointId} {TrafficDirection} proto={Protocol} " +
        $"{Source}:{SourcePort} ({SrcIdentity}) -> {Destination}:{DestinationPort} ({DstIdentity}) match={PolicyMatch} ct={ConnectionState} flags=0x{TcpFlags:x2}";
}
