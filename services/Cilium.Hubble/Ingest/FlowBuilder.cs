using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Flows;
using Google.Protobuf.WellKnownTypes;

namespace Cilium.Hubble.Ingest;

/// <summary>
/// Turns a <see cref="DatapathNotification"/> into a <see cref="Flow"/> the way Cilium's parser does
/// (<c>pkg/hubble/parser/threefour</c>): verdict from the event type, endpoints from the agent's resolver, identity
/// labels when the IP is no known pod. Thread-safe; endpoint wire forms are cached so a busy pod costs no copies.
/// Built flows are shared by every reader and must not be changed afterwards.
/// </summary>
public sealed class FlowBuilder(IEndpointResolver resolver, string nodeName, IPolicyCorrelator? policies = null)
{
    private const string NamespaceLabel = "k8s:io.kubernetes.pod.namespace=";

    private readonly ConditionalWeakTable<EndpointInfo, Endpoint> _endpoints = new();
    private readonly ConcurrentDictionary<uint, Endpoint> _identities = new();

    public string NodeName { get; } = nodeName;

    public Flow Build(DatapathNotification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var verdict = VerdictOf(n);
        var subType = n.Type switch
        {
            NotificationType.Drop => n.DropReason,
            NotificationType.Trace => (int)n.ObservationPoint,
            _ => 0,
        };
        var flow = new Flow
        {
            Time = Timestamp.FromDateTimeOffset(n.Timestamp),
            Uuid = Guid.CreateVersion7(n.Timestamp).ToString(),
            Verdict = verdict,
            IP = new IP
            {
                Source = n.SourceIp.ToString(),
                Destination = n.DestinationIp.ToString(),
                IpVersion = n.SourceIp.AddressFamily == AddressFamily.InterNetworkV6 ? IPVersion.Ipv6 : IPVersion.Ipv4,
            },
            L4 = Layer4Of(n),
            Source = EndpointOf(n.SourceIp, n.SourceIdentity),
            Destination = EndpointOf(n.DestinationIp, n.DestinationIdentity),
            Type = FlowType.L3L4,
            NodeName = NodeName,
            EventType = new CiliumEventType { Type = (int)n.Type, SubType = subType },
            TrafficDirection = (TrafficDirection)(int)n.Direction,
        };
        if (verdict == Verdict.Dropped)
        {
#pragma warning disable CS0612 // deprecated in Cilium, still read by older hubble CLIs
            flow.DropReason = n.DropReason;
#pragma warning restore CS0612
            flow.DropReasonDesc = (DropReason)n.DropReason;
        }
        if (n.Type == NotificationType.Trace)
        {
            flow.TraceObservationPoint = FlowNames.ObservationPoint(n.ObservationPoint);
        }
        if (n.Type == NotificationType.PolicyVerdict)
        {
            flow.PolicyMatchType = (uint)n.MatchType;
            AddPolicies(flow, n, verdict != Verdict.Forwarded);
        }
        if (n.IsReply is { } reply)
        {
            flow.IsReply = reply;
#pragma warning disable CS0612 // deprecated in Cilium, still read by older hubble CLIs
            flow.Reply = reply;
#pragma warning restore CS0612
        }
        if (n.IfIndex != 0)
        {
            flow.Interface = new NetworkInterface { Index = n.IfIndex };
        }
#pragma warning disable CS0612 // deprecated in Cilium, still printed by older hubble CLIs
        flow.Summary = n.Protocol == 6 ? FlowNames.TcpSummary((byte)n.TcpFlags) : FlowNames.Summary(flow.L4);
#pragma warning restore CS0612
        return flow;
    }

    private static Verdict VerdictOf(DatapathNotification n) => n.Type switch
    {
        NotificationType.Drop => Verdict.Dropped,
        NotificationType.PolicyVerdict when n.DropReason == 0 => Verdict.Forwarded,
        NotificationType.PolicyVerdict when n.Audit => Verdict.Audit,
        NotificationType.PolicyVerdict => Verdict.Dropped,
        NotificationType.Trace or NotificationType.TraceSock => Verdict.Forwarded,
        _ => Verdict.Unknown,
    };

    private static Layer4? Layer4Of(DatapathNotification n) => n.Protocol switch
    {
        6 => new Layer4
        {
            TCP = new TCP
            {
                SourcePort = n.SourcePort,
                DestinationPort = n.DestinationPort,
                Flags = new TCPFlags
                {
                    FIN = (n.TcpFlags & TcpFlags.Fin) != 0,
                    SYN = (n.TcpFlags & TcpFlags.Syn) != 0,
                    RST = (n.TcpFlags & TcpFlags.Rst) != 0,
                    PSH = (n.TcpFlags & TcpFlags.Psh) != 0,
                    ACK = (n.TcpFlags & TcpFlags.Ack) != 0,
                    URG = (n.TcpFlags & TcpFlags.Urg) != 0,
                    ECE = (n.TcpFlags & TcpFlags.Ece) != 0,
                    CWR = (n.TcpFlags & TcpFlags.Cwr) != 0,
                },
            },
        },
        17 => new Layer4 { UDP = new UDP { SourcePort = n.SourcePort, DestinationPort = n.DestinationPort } },
        132 => new Layer4 { SCTP = new SCTP { SourcePort = n.SourcePort, DestinationPort = n.DestinationPort } },
        1 => new Layer4 { ICMPv4 = new ICMPv4 { Type = n.IcmpType, Code = n.IcmpCode } },
        58 => new Layer4 { ICMPv6 = new ICMPv6 { Type = n.IcmpType, Code = n.IcmpCode } },
        _ => null,
    };

    private Endpoint EndpointOf(IPAddress ip, uint identity)
    {
        if (resolver.ResolveIp(ip) is { } info)
        {
            return _endpoints.GetValue(info, ToWire);
        }
        if (_identities.TryGetValue(identity, out var cached))
        {
            return cached;
        }
        var labels = resolver.ResolveIdentity(identity);
        var endpoint = new Endpoint { Identity = identity, Namespace = NamespaceOf(labels) };
        endpoint.Labels.AddRange(labels);
        // An identity the agent has not learnt yet is not cached, so its labels appear as soon as they are known.
        if (labels.Count > 0)
        {
            _identities.TryAdd(identity, endpoint);
        }
        return endpoint;
    }

    private static Endpoint ToWire(EndpointInfo info)
    {
        var endpoint = new Endpoint
        {
            ID = (uint)info.Id,
            Identity = info.Identity,
            ClusterName = info.ClusterName,
            Namespace = info.Namespace,
            PodName = info.PodName,
        };
        endpoint.Labels.AddRange(info.Labels.Order(StringComparer.Ordinal));
        return endpoint;
    }

    private static string NamespaceOf(IReadOnlyList<string> labels)
    {
        foreach (var label in labels)
        {
            if (label.StartsWith(NamespaceLabel, StringComparison.Ordinal))
            {
                return label[NamespaceLabel.Length..];
            }
        }
        return "";
    }

    private void AddPolicies(Flow flow, DatapathNotification n, bool denied)
    {
        if (policies is null)
        {
            return;
        }
        var matched = policies.Correlate(n, denied);
        if (matched.Count == 0)
        {
            return;
        }
        var target = (n.Direction, denied) switch
        {
            (PacketDirection.Egress, false) => flow.EgressAllowedBy,
            (PacketDirection.Egress, true) => flow.EgressDeniedBy,
            (_, false) => flow.IngressAllowedBy,
            (_, true) => flow.IngressDeniedBy,
        };
        foreach (var p in matched)
        {
            var policy = new Policy { Name = p.Name, Namespace = p.Namespace, Kind = p.Kind, Revision = p.Revision };
            policy.Labels.AddRange(p.Labels);
            target.Add(policy);
        }
    }
}
