using System.Net;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Core.Policy.Engine;
using Cilium.Core.Policy.Rules;
using Cilium.Core.Policy.Tracing;
using Cilium.Policy.Models;
using Cilium.Policy.Resolution;
using Cilium.Policy.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cilium.Policy.Apis;

/// <summary><c>POST /v1/policy/trace</c>: would this flow pass, and which rules say so?</summary>
public static class TraceApi
{
    public static RouteGroupBuilder MapTraceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/policy").WithTags("Policy trace");
        api.MapPost("/trace", TracePolicy)
            .WithName("TracePolicy")
            .WithSummary("Trace a flow through the stored policies against the cluster's current identities and endpoints")
            .WithDescription("Each end is {\"labels\": [...]} (the identity with those labels, or a hypothetical one), {\"identity\": n} or {\"ip\": \"...\"} (an endpoint's IP, else CIDR/world).")
            .ProducesValidationProblem();
        return api;
    }

    public static Ok<PolicyTraceResponse> TracePolicy(PolicyTraceRequest request, PolicyResolver resolver, EndpointDirectory endpoints, PolicyCache cache)
    {
        var source = Peer(request.Source, "source");
        var destination = Peer(request.Destination, "destination");
        var protocolName = string.IsNullOrEmpty(request.Protocol) ? "TCP" : request.Protocol.ToUpperInvariant();
        if (!Protocols.TryParse(protocolName, out var protocol))
        {
            throw new InvalidInputException("protocol", $"'{request.Protocol}' is not TCP, UDP, SCTP, ICMP, ICMPV6 or ANY");
        }
        var dport = request.Dport ?? 0;
        var maxPort = Protocols.IsIcmp(protocol.Value) ? byte.MaxValue : ushort.MaxValue;
        if (dport < 0 || dport > maxPort)
        {
            throw new InvalidInputException("dport", $"{dport} is outside 0..{maxPort}{(maxPort == byte.MaxValue ? " (an ICMP type)" : "")}");
        }
        destination = destination with { NamedPorts = NamedPortsOf(destination, resolver, endpoints) };
        var revision = cache.Revision;
        var (result, sourceLabels, destinationLabels) = resolver.Trace(
            new TraceRequest(source, destination, (ushort)dport, protocol.Value),
            endpoints.IdentityOf);
        return TypedResults.Ok(new PolicyTraceResponse(
            Verdict(result.Verdict),
            revision,
            new TracedPeer(result.SourceIdentity, sourceLabels.ToStrings()),
            new TracedPeer(result.DestinationIdentity, destinationLabels.ToStrings()),
            dport,
            Protocols.Name(protocol.Value),
            Direction(result.Egress),
            Direction(result.Ingress)));
    }

    private static TracePeer Peer(TraceEndpoint? end, string field)
    {
        if (end is null)
        {
            throw new InvalidInputException(field, "required: {\"labels\": [...]}, {\"identity\": n} or {\"ip\": \"...\"}");
        }
        var given = (end.Labels is not null ? 1 : 0) + (end.Identity is not null ? 1 : 0) + (end.Ip is not null ? 1 : 0);
        if (given != 1)
        {
            throw new InvalidInputException(field, "give exactly one of labels, identity or ip");
        }
        if (end.Labels is not null)
        {
            try
            {
                // Trace the identity these labels would get: only security-relevant labels count.
                var labels = SecurityLabelFilter.Default.Filter(LabelSet.Parse(end.Labels));
                return labels.Count == 0
                    ? throw new InvalidInputException($"{field}.labels", "no security-relevant label (source:key=value) given")
                    : TracePeer.FromLabels(labels);
            }
            catch (LabelException e)
            {
                throw new InvalidInputException($"{field}.labels", $"label '{e.Label}': {e.Reason}");
            }
        }
        if (end.Identity is { } identity)
        {
            return identity is > 0 and <= uint.MaxValue
                ? TracePeer.FromIdentity((uint)identity)
                : throw new InvalidInputException($"{field}.identity", $"{identity} is not an identity number");
        }
        return IPAddress.TryParse(end.Ip, out var ip)
            ? TracePeer.FromAddress(ip)
            : throw new InvalidInputException($"{field}.ip", $"'{end.Ip}' is not an IP address");
    }

    private static IReadOnlyList<NamedPort> NamedPortsOf(TracePeer destination, PolicyResolver resolver, EndpointDirectory endpoints)
    {
        if (destination.Address is { } ip)
        {
            return endpoints.NamedPortsOf(ip);
        }
        var identity = destination.Identity ?? (destination.Labels is { } labels ? resolver.IdentityOf(labels) : null);
        return identity is { } id ? endpoints.NamedPortsOf(id) : [];
    }

    private static string Verdict(PolicyVerdict verdict) => verdict == PolicyVerdict.Allow ? "ALLOWED" : "DENIED";

    private static TraceDirection Direction(DirectionTrace trace) => new(
        Verdict(trace.Verdict),
        trace.Enforced,
        trace.Reason,
        trace.Rules.Select(r => r.Resource is { } id
            ? new TraceRule(r.Name, id.Kind.ToString(), id.Namespace, id.Name, r.Index)
            : new TraceRule(r.Name)).ToArray());
}
