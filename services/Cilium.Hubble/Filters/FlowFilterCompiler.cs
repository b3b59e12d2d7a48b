using System.Net;
using System.Text.RegularExpressions;
using Cilium.Hubble.Contracts.Flow;
using Google.Protobuf.Collections;

namespace Cilium.Hubble.Filters;

/// <summary>
/// Compiles one <see cref="FlowFilter"/> into a predicate with Hubble's semantics (<c>pkg/hubble/filters</c>):
/// every field that is set must match (AND); any of a field's values may match (OR). Parsing (CIDRs, selectors,
/// regexes) happens once here, not per flow.
/// </summary>
public static class FlowFilterCompiler
{
    private const string DefaultNamespace = "default";

    public static Func<Flow, bool> Compile(FlowFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var checks = new List<Func<Flow, bool>>();
        void Add<T>(RepeatedField<T> values, Func<RepeatedField<T>, Func<Flow, bool>> make)
        {
            if (values.Count > 0)
            {
                checks.Add(make(values));
            }
        }

        Add(filter.Uuid, v => f => v.Contains(f.Uuid));
        Add(filter.SourceIp, v => IpMatcher(v, f => f.IP?.Source));
        Add(filter.SourceIpXlated, v => IpMatcher(v, f => f.IP?.SourceXlated));
        Add(filter.DestinationIp, v => IpMatcher(v, f => f.IP?.Destination));
        Add(filter.SourcePod, v => PodMatcher(v, f => f.Source));
        Add(filter.DestinationPod, v => PodMatcher(v, f => f.Destination));
        Add(filter.SourceFqdn, v => NamesMatcher(v, f => f.SourceNames));
        Add(filter.DestinationFqdn, v => NamesMatcher(v, f => f.DestinationNames));
        Add(filter.SourceLabel, v => LabelMatcher(v, f => f.Source?.Labels));
        Add(filter.DestinationLabel, v => LabelMatcher(v, f => f.Destination?.Labels));
        Add(filter.NodeLabels, v => LabelMatcher(v, f => f.NodeLabels));
        Add(filter.SourceService, v => ServiceMatcher(v, f => f.SourceService));
        Add(filter.DestinationService, v => ServiceMatcher(v, f => f.DestinationService));
        Add(filter.SourceWorkload, v => WorkloadMatcher(v, f => f.Source));
        Add(filter.DestinationWorkload, v => WorkloadMatcher(v, f => f.Destination));
        Add(filter.SourceClusterName, v => f => v.Contains(f.Source?.ClusterName ?? ""));
        Add(filter.DestinationClusterName, v => f => v.Contains(f.Destination?.ClusterName ?? ""));
        Add(filter.TrafficDirection, v => f => v.Contains(f.TrafficDirection));
        Add(filter.Verdict, v => f => v.Contains(f.Verdict));
        Add(filter.DropReasonDesc, v => f => v.Contains(f.DropReasonDesc));
        Add(filter.Interface, v => f => f.Interface is { } i && v.Any(w => (w.Index == 0 || w.Index == i.Index) && (w.Name.Length == 0 || w.Name == i.Name)));
        Add(filter.EventType, v => f => f.EventType is { } e && v.Any(w => w.Type == e.Type && (!w.MatchSubType || w.SubType == e.SubType)));
        Add(filter.HttpStatusCode, HttpStatusMatcher);
        Add(filter.HttpMethod, v => f => f.L7?.Http is { } h && v.Any(m => string.Equals(m, h.Method, StringComparison.OrdinalIgnoreCase)));
        Add(filter.HttpPath, v => RegexMatcher(v, f => f.L7?.Http is { } h && Uri.TryCreate(h.Url, UriKind.Absolute, out var u) ? u.AbsolutePath : f.L7?.Http?.Url));
        Add(filter.HttpUrl, v => RegexMatcher(v, f => f.L7?.Http?.Url));
        Add(filter.HttpHeader, v => f => f.L7?.Http is { } h && v.Any(w => h.Headers.Any(x => x.Key == w.Key && x.Value == w.Value)));
        Add(filter.DnsQuery, v => RegexMatcher(v, f => f.L7?.Dns?.Query));
        Add(filter.Protocol, ProtocolMatcher);
        Add(filter.SourcePort, v => PortMatcher(v, source: true));
        Add(filter.DestinationPort, v => PortMatcher(v, source: false));
        Add(filter.Reply, v => f => f.IsReply is { } r && v.Contains(r));
        Add(filter.SourceIdentity, v => f => f.Source is { } e && v.Contains(e.Identity));
        Add(filter.DestinationIdentity, v => f => f.Destination is { } e && v.Contains(e.Identity));
        Add(filter.TcpFlags, v => f => f.L4?.TCP?.Flags is { } flags && v.Any(w => ContainsFlags(flags, w)));
        Add(filter.NodeName, NodeNameMatcher);
        Add(filter.IpVersion, v => f => f.IP is { } ip && v.Contains(ip.IpVersion));
        Add(filter.TraceId, v => f => v.Contains(f.TraceContext?.Parent?.TraceId ?? ""));
        Add(filter.IpTraceId, v => f => f.IpTraceId is { } t && v.Contains(t.TraceId));
        Add(filter.Encrypted, v => f => v.Contains(f.IP?.Encrypted ?? false));
        if (filter.Experimental is { CelExpression.Count: > 0 })
        {
            throw new FilterException("experimental.cel_expression filters are not supported by this observer");
        }

        var all = checks.ToArray();
        return flow =>
        {
            foreach (var check in all)
            {
                if (!check(flow))
                {
                    return false;
                }
            }
            return true;
        };
    }

    private static Func<Flow, bool> IpMatcher(RepeatedField<string> values, Func<Flow, string?> get)
    {
        var exact = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var networks = new List<IPNetwork>();
        foreach (var v in values)
        {
            if (v.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(IPNetwork.TryParse(v, out var n) ? n : throw new FilterException($"invalid CIDR '{v}' in IP filter"));
            }
            else
            {
                exact.Add(IPAddress.TryParse(v, out var a) ? a.ToString() : throw new FilterException($"invalid IP '{v}' in IP filter"));
            }
        }
        return f =>
        {
            var ip = get(f);
            if (string.IsNullOrEmpty(ip))
            {
                return false;
            }
            if (exact.Contains(ip))
            {
                return true;
            }
            return networks.Count > 0 && IPAddress.TryParse(ip, out var a) && networks.Any(n => n.Contains(a));
        };
    }

    /// <summary><c>namespace/prefix</c>; a bare prefix means the <c>default</c> namespace, as Cilium's <c>ParseNamespaceName</c>.</summary>
    private static Func<Flow, bool> PodMatcher(RepeatedField<string> values, Func<Flow, Endpoint?> get)
    {
        var parsed = values.Select(ParseNamespaced).ToArray();
        return f => get(f) is { } e && parsed.Any(p => p.Namespace == e.Namespace && e.PodName.StartsWith(p.Prefix, StringComparison.Ordinal));
    }

    private static Func<Flow, bool> ServiceMatcher(RepeatedField<string> values, Func<Flow, Service?> get)
    {
        var parsed = values.Select(ParseNamespaced).ToArray();
        return f => get(f) is { } s && parsed.Any(p => p.Namespace == s.Namespace && s.Name.StartsWith(p.Prefix, StringComparison.Ordinal));
    }

    private static (string Namespace, string Prefix) ParseNamespaced(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return (value[..slash], value[(slash + 1)..]);
        }
        return value.Length == 0 ? throw new FilterException("empty pod or service filter; use [namespace/][prefix]") : (DefaultNamespace, value);
    }

    private static Func<Flow, bool> WorkloadMatcher(RepeatedField<Workload> values, Func<Flow, Endpoint?> get) =>
        f => get(f) is { } e && e.Workloads.Any(w => values.Any(v => (v.Name.Length == 0 || v.Name == w.Name) && (v.Kind.Length == 0 || v.Kind == w.Kind)));

    private static Func<Flow, bool> NamesMatcher(RepeatedField<string> values, Func<Flow, RepeatedField<string>> get)
    {
        var patterns = values.Select(Glob).ToArray();
        return f => get(f).Any(n => patterns.Any(p => p.IsMatch(n.TrimEnd('.'))));
    }

    private static Func<Flow, bool> LabelMatcher(RepeatedField<string> values, Func<Flow, RepeatedField<string>?> get)
    {
        var selectors = values.Select(LabelSelector.Parse).ToArray();
        return f => get(f) is { } labels && selectors.Any(s => s.Matches(labels));
    }

    private static Func<Flow, bool> RegexMatcher(RepeatedField<string> values, Func<Flow, string?> get)
    {
        var regexes = values.Select(v =>
        {
            try
            {
                return new Regex(v, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
            }
            catch (ArgumentException e)
            {
                throw new FilterException($"invalid regular expression '{v}': {e.Message}");
            }
        }).ToArray();
        return f => get(f) is { } s && regexes.Any(r => r.IsMatch(s));
    }

    /// <summary><c>200</c> exactly, or <c>5+</c> for every code starting with 5.</summary>
    private static Func<Flow, bool> HttpStatusMatcher(RepeatedField<string> values)
    {
        foreach (var v in values)
        {
            if (v.Length == 0 || !v.TrimEnd('+').All(char.IsAsciiDigit))
            {
                throw new FilterException($"invalid HTTP status code filter '{v}', e.g. 200 or 5+");
            }
        }
        return f => f.L7?.Http is { Code: > 0 } h && values.Any(v =>
        {
            var code = h.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return v.EndsWith('+') ? code.StartsWith(v[..^1], StringComparison.Ordinal) : code == v;
        });
    }

    private static Func<Flow, bool> ProtocolMatcher(RepeatedField<string> values)
    {
        var wanted = values.Select(v => v.ToLowerInvariant()).ToArray();
        foreach (var w in wanted)
        {
            if (w is not ("tcp" or "udp" or "sctp" or "icmp" or "icmpv4" or "icmpv6" or "http" or "dns" or "kafka"))
            {
                throw new FilterException($"unknown protocol '{w}' (tcp, udp, sctp, icmp, icmpv4, icmpv6, http, dns, kafka)");
            }
        }
        return f => wanted.Any(w => w switch
        {
            "tcp" => f.L4?.TCP is not null,
            "udp" => f.L4?.UDP is not null,
            "sctp" => f.L4?.SCTP is not null,
            "icmp" => f.L4?.ICMPv4 is not null || f.L4?.ICMPv6 is not null,
            "icmpv4" => f.L4?.ICMPv4 is not null,
            "icmpv6" => f.L4?.ICMPv6 is not null,
            "http" => f.L7?.Http is not null,
            "dns" => f.L7?.Dns is not null,
#pragma warning disable CS0612 // Kafka records are deprecated in Cilium but still filterable
            "kafka" => f.L7?.Kafka is not null,
#pragma warning restore CS0612
            _ => false,
        });
    }

    private static Func<Flow, bool> PortMatcher(RepeatedField<string> values, bool source)
    {
        var ports = values.Select(v => ushort.TryParse(v, out var p) ? (uint)p : throw new FilterException($"invalid port '{v}'")).ToHashSet();
        return f =>
        {
            var l4 = f.L4;
            if (l4 is null)
            {
                return false;
            }
            uint? port = l4.ProtocolCase switch
            {
                Layer4.ProtocolOneofCase.TCP => source ? l4.TCP.SourcePort : l4.TCP.DestinationPort,
                Layer4.ProtocolOneofCase.UDP => source ? l4.UDP.SourcePort : l4.UDP.DestinationPort,
                Layer4.ProtocolOneofCase.SCTP => source ? l4.SCTP.SourcePort : l4.SCTP.DestinationPort,
                _ => null,
            };
            return port is { } p && ports.Contains(p);
        };
    }

    private static bool ContainsFlags(TCPFlags have, TCPFlags want) =>
        (!want.FIN || have.FIN) && (!want.SYN || have.SYN) && (!want.RST || have.RST) && (!want.PSH || have.PSH)
        && (!want.ACK || have.ACK) && (!want.URG || have.URG) && (!want.ECE || have.ECE) && (!want.CWR || have.CWR)
        && (!want.NS || have.NS);

    /// <summary>Node names may use <c>*</c> wildcards and a <c>cluster/</c> prefix, as in Hubble.</summary>
    private static Func<Flow, bool> NodeNameMatcher(RepeatedField<string> values)
    {
        var patterns = values.Select(Glob).ToArray();
        return f => patterns.Any(p => p.IsMatch(f.NodeName) || (f.NodeName.IndexOf('/', StringComparison.Ordinal) is var i and >= 0 && p.IsMatch(f.NodeName[(i + 1)..])));
    }

    private static Regex Glob(string pattern)
    {
        if (pattern.Length == 0)
        {
            throw new FilterException("empty name pattern");
        }
        var body = Regex.Escape(pattern.TrimEnd('.')).Replace("\\*", "[^/]*", StringComparison.Ordinal);
        return new Regex($"^{body}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }
}
