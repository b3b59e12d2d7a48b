using Cilium.Contracts.Endpoints;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using Cilium.Endpoint.Validation;

namespace Cilium.Endpoint.Endpoints;

/// <summary>
/// Turns a PUT body into the record to store, or throws <see cref="InvalidInputException"/> naming the first bad
/// field by its JSON path. IPs become canonical, protocols upper case, labels sorted.
/// </summary>
public static class EndpointRequestValidator
{
    public const long MaxEndpointId = 4095;
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP", "ANY"];

    public static void ValidateName(string k8sNamespace, string name)
    {
        if (!K8sNames.IsDnsLabel(k8sNamespace))
        {
            throw new InvalidInputException("namespace", $"'{k8sNamespace}' is not a valid namespace name (RFC 1123 label)");
        }
        if (!K8sNames.IsDnsSubdomain(name))
        {
            throw new InvalidInputException("name", $"'{name}' is not a valid endpoint name (RFC 1123 subdomain)");
        }
    }

    public static CiliumEndpoint Validate(string k8sNamespace, string name, PutEndpointRequest? request)
    {
        ValidateName(k8sNamespace, name);
        if (request is null)
        {
            throw new InvalidInputException("body", "an endpoint is required");
        }
        if (string.IsNullOrEmpty(request.Node))
        {
            throw new InvalidInputException("node", "the node the endpoint runs on is required");
        }
        if (!K8sNames.IsDnsSubdomain(request.Node))
        {
            throw new InvalidInputException("node", $"'{request.Node}' is not a valid node name (RFC 1123 subdomain)");
        }
        if (request.EndpointId is not (>= 1 and <= MaxEndpointId))
        {
            throw new InvalidInputException("endpointId", $"must be 1..{MaxEndpointId}, got {request.EndpointId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        }
        if (request.Identity is not (>= 1 and <= uint.MaxValue))
        {
            throw new InvalidInputException("identity", $"must be a security identity 1..{uint.MaxValue}, got {request.Identity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}");
        }
        return new CiliumEndpoint(
            k8sNamespace,
            name,
            request.Node,
            request.EndpointId.Value,
            ValidateAddressing(request.Addressing),
            request.Identity.Value,
            ValidateLabels(request.Labels),
            ValidatePorts(request.NamedPorts));
    }

    private static EndpointAddressing ValidateAddressing(EndpointAddressing? addressing)
    {
        if (addressing is null || (addressing.Ipv4 is null && addressing.Ipv6 is null))
        {
            throw new InvalidInputException("addressing", "at least one of ipv4 and ipv6 is required");
        }
        string? v4 = null;
        string? v6 = null;
        if (addressing.Ipv4 is not null && !IpText.TryCanonicalV4(addressing.Ipv4, out v4))
        {
            throw new InvalidInputException(EndpointIps.Ipv4Field, $"'{addressing.Ipv4}' is not an IPv4 address");
        }
        if (addressing.Ipv6 is not null && !IpText.TryCanonicalV6(addressing.Ipv6, out v6))
        {
            throw new InvalidInputException(EndpointIps.Ipv6Field, $"'{addressing.Ipv6}' is not an IPv6 address (no zone, not IPv4-mapped)");
        }
        return new EndpointAddressing(v4, v6);
    }

    private static IReadOnlyList<string> ValidateLabels(IReadOnlyList<string>? labels)
    {
        if (labels is null)
        {
            return [];
        }
        for (var i = 0; i < labels.Count; i++)
        {
            try
            {
                LabelParser.Parse(labels[i] ?? throw new InvalidInputException($"labels[{i}]", "a label cannot be null"));
            }
            catch (LabelException e)
            {
                throw new InvalidInputException($"labels[{i}]", e.Message);
            }
        }
        try
        {
            return LabelSet.Parse(labels).ToStrings();
        }
        catch (LabelException e)
        {
            throw new InvalidInputException("labels", e.Message);
        }
    }

    private static IReadOnlyList<NamedPort> ValidatePorts(IReadOnlyList<NamedPort>? ports)
    {
        if (ports is null)
        {
            return [];
        }
        var result = new List<NamedPort>(ports.Count);
        for (var i = 0; i < ports.Count; i++)
        {
            var field = $"namedPorts[{i}]";
            var port = ports[i] ?? throw new InvalidInputException(field, "a named port cannot be null");
            if (!K8sNames.IsPortName(port.Name))
            {
                throw new InvalidInputException($"{field}.name", $"'{port.Name}' is not a valid port name (IANA service name: at most 15 of a-z, 0-9, '-', with a letter)");
            }
            if (result.Any(p => p.Name == port.Name))
            {
                throw new InvalidInputException($"{field}.name", $"port name '{port.Name}' is given twice");
            }
            if (port.Port is < 1 or > 65535)
            {
                throw new InvalidInputException($"{field}.port", $"must be 1..65535, got {port.Port}");
            }
            var protocol = (port.Protocol ?? "TCP").ToUpperInvariant();
            if (!Protocols.Contains(protocol))
            {
                throw new InvalidInputException($"{field}.protocol", $"'{port.Protocol}' is not one of {string.Join(", ", Protocols)}");
            }
            result.Add(new NamedPort(port.Name, port.Port, protocol));
        }
        return result;
    }
}
