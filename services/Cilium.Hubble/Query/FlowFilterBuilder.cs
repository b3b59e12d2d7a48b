using System.Globalization;
using Cilium.Hubble.Contracts.Flow;
using Cilium.Hubble.Flows;
using Cilium.Hubble.Filters;

namespace Cilium.Hubble.Query;

/// <summary>
/// Turns <c>hubble observe</c> filter flags (also the relay's REST query parameters) into FlowFilters the way the
/// hubble CLI does: <c>--from-*</c> set source fields, <c>--to-*</c> destination fields, symmetric flags (<c>--pod</c>,
/// <c>--ip</c>, <c>-l</c>, <c>--port</c>, <c>--identity</c>, <c>-n</c>) make a second filter with the destination side
/// (the two are OR-ed); everything else applies to both. Flags after <c>--not</c> build the blacklist the same way.
/// </summary>
public sealed class FlowFilterBuilder
{
    /// <summary>Flag names this builder understands (without dashes).</summary>
    public static readonly IReadOnlySet<string> Flags = new HashSet<string>(StringComparer.Ordinal)
    {
        "namespace", "from-namespace", "to-namespace", "pod", "from-pod", "to-pod", "ip", "from-ip", "to-ip",
        "label", "from-label", "to-label", "identity", "from-identity", "to-identity", "port", "from-port", "to-port",
        "fqdn", "from-fqdn", "to-fqdn", "service", "from-service", "to-service", "protocol", "verdict",
        "drop-reason-desc", "type", "traffic-direction", "node-name", "http-status", "http-method", "http-path",
        "uuid", "reply",
    };

    private readonly Side _include = new();
    private readonly Side _exclude = new();
    private string? _namespace;

    /// <summary>Adds one flag value; <paramref name="negate"/> puts it in the blacklist (the CLI's <c>--not</c>).</summary>
    public FlowFilterBuilder Add(string flag, string value, bool negate = false)
    {
        ArgumentNullException.ThrowIfNull(flag);
        ArgumentNullException.ThrowIfNull(value);
        var side = negate ? _exclude : _include;
        switch (flag)
        {
            case "namespace":
                _namespace ??= value;
                side.Symmetric(f => f.SourcePod, f => f.DestinationPod, value + "/");
                break;
            case "from-namespace": side.From(f => f.SourcePod, value + "/"); break;
            case "to-namespace": side.To(f => f.DestinationPod, value + "/"); break;
            case "pod": side.Symmetric(f => f.SourcePod, f => f.DestinationPod, Pod(value)); break;
            case "from-pod": side.From(f => f.SourcePod, Pod(value)); break;
            case "to-pod": side.To(f => f.DestinationPod, Pod(value)); break;
            case "ip": side.Symmetric(f => f.SourceIp, f => f.DestinationIp, value); break;
            case "from-ip": side.From(f => f.SourceIp, value); break;
            case "to-ip": side.To(f => f.DestinationIp, value); break;
            case "label": side.Symmetric(f => f.SourceLabel, f => f.DestinationLabel, value); break;
            case "from-label": side.From(f => f.SourceLabel, value); break;
            case "to-label": side.To(f => f.DestinationLabel, value); break;
            case "identity": side.Symmetric(f => f.SourceIdentity, f => f.DestinationIdentity, Identity(value)); break;
            case "from-identity": side.From(f => f.SourceIdentity, Identity(value)); break;
            case "to-identity": side.To(f => f.DestinationIdentity, Identity(value)); break;
            case "port": side.Symmetric(f => f.SourcePort, f => f.DestinationPort, Port(value)); break;
            case "from-port": side.From(f => f.SourcePort, Port(value)); break;
            case "to-port": side.To(f => f.DestinationPort, Port(value)); break;
            case "fqdn": side.Symmetric(f => f.SourceFqdn, f => f.DestinationFqdn, value); break;
            case "from-fqdn": side.From(f => f.SourceFqdn, value); break;
            case "to-fqdn": side.To(f => f.DestinationFqdn, value); break;
            case "service": side.Symmetric(f => f.SourceService, f => f.DestinationService, Pod(value)); break;
            case "from-service": side.From(f => f.SourceService, Pod(value)); break;
            case "to-service": side.To(f => f.DestinationService, Pod(value)); break;
            case "protocol": side.Both(f => f.Protocol, value.ToLowerInvariant()); break;
            case "verdict": side.Both(f => f.Verdict, Enum<Verdict>(value, "verdict")); break;
            case "drop-reason-desc": side.Both(f => f.DropReasonDesc, Enum<DropReason>(value, "drop reason")); break;
            case "traffic-direction": side.Both(f => f.TrafficDirection, Enum<TrafficDirection>(value, "traffic direction")); break;
            case "type": side.Both(f => f.EventType, EventType(value)); break;
            case "node-name": side.Both(f => f.NodeName, value); break;
            case "http-status": side.Both(f => f.HttpStatusCode, value); break;
            case "http-method": side.Both(f => f.HttpMethod, value); break;
            case "http-path": side.Both(f => f.HttpPath, value); break;
            case "uuid": side.Both(f => f.Uuid, value); break;
            case "reply": side.Both(f => f.Reply, bool.TryParse(value, out var r) ? r : throw new FilterException($"invalid reply '{value}', use true or false")); break;
            default: throw new FilterException($"unknown filter flag --{flag}");
        }
        return this;
    }

    public IReadOnlyList<FlowFilter> Whitelist => _include.Build();
    public IReadOnlyList<FlowFilter> Blacklist => _exclude.Build();

    private string Pod(string value) =>
        value.Contains('/', StringComparison.Ordinal) || _namespace is null ? value : $"{_namespace}/{value}";

    private static string Port(string value) =>
        ushort.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? value : throw new FilterException($"invalid port '{value}'");

    /// <summary>A number, or a reserved identity's name (<c>world</c>, <c>host</c>, ...).</summary>
    private static uint Identity(string value)
    {
        if (uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }
        var reserved = Array.IndexOf(ReservedIdentityNames.Names, value.StartsWith("reserved:", StringComparison.Ordinal) ? value[9..] : value);
        return reserved > 0 ? (uint)reserved : throw new FilterException($"invalid identity '{value}'");
    }

    private static T Enum<T>(string value, string what)
        where T : struct, Enum =>
        ProtoEnumNames<T>.TryParse(value, out var parsed)
            ? parsed
            : throw new FilterException($"invalid {what} '{value}' (one of {string.Join(", ", ProtoEnumNames<T>.All.Skip(1))})");

    /// <summary><c>trace</c>, <c>trace:to-endpoint</c>, <c>drop</c>, <c>policy-verdict</c>, <c>l7</c>, <c>capture</c>, <c>trace-sock</c>, <c>debug</c>.</summary>
    private static EventTypeFilter EventType(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? value : value[..colon];
        var type = name switch
        {
            "drop" => 1,
            "debug" => 2,
            "capture" => 3,
            "trace" => 4,
            "policy-verdict" => 5,
            "trace-sock" => 7,
            "l7" => 129,
            "agent" => 130,
            _ => throw new FilterException($"invalid event type '{value}' (trace, drop, policy-verdict, l7, capture, trace-sock, debug)"),
        };
        var filter = new EventTypeFilter { Type = type };
        if (colon >= 0)
        {
            var sub = value[(colon + 1)..];
            var index = Enumerable.Range(0, 14).FirstOrDefault(i => FlowNames.TracePointName(i) == sub, -1);
            filter.MatchSubType = true;
            filter.SubType = index >= 0 ? index
                : int.TryParse(sub, CultureInfo.InvariantCulture, out var n) ? n
                : throw new FilterException($"invalid event sub type '{sub}'");
        }
        return filter;
    }

    /// <summary>One polarity: the "left" filter, and the "right" one that symmetric flags create.</summary>
    private sealed class Side
    {
        private FlowFilter? _left;
        private FlowFilter? _right;

        public void Symmetric<T>(Func<FlowFilter, Google.Protobuf.Collections.RepeatedField<T>> source, Func<FlowFilter, Google.Protobuf.Collections.RepeatedField<T>> destination, T value)
        {
            _left ??= new FlowFilter();
            _right ??= _left.Clone();
            source(_left).Add(value);
            destination(_right).Add(value);
        }

        public void From<T>(Func<FlowFilter, Google.Protobuf.Collections.RepeatedField<T>> field, T value) => Both(field, value);

        public void To<T>(Func<FlowFilter, Google.Protobuf.Collections.RepeatedField<T>> field, T value) => Both(field, value);

        public void Both<T>(Func<FlowFilter, Google.Protobuf.Collections.RepeatedField<T>> field, T value)
        {
            _left ??= new FlowFilter();
            field(_left).Add(value);
            if (_right is not null)
            {
                field(_right).Add(value);
            }
        }

        public IReadOnlyList<FlowFilter> Build() =>
            _left is null ? [] : _right is null ? [_left.Clone()] : [_left.Clone(), _right.Clone()];
    }
}
