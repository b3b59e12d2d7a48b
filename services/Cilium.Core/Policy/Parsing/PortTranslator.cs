using System.Globalization;
using System.Text.RegularExpressions;
using Cilium.Contracts.Policy;
using Cilium.Core.Errors;
using Cilium.Core.Policy.Rules;

namespace Cilium.Core.Policy.Parsing;

/// <summary>
/// Validates <c>toPorts</c> and <c>icmps</c> and turns them into <see cref="PortSpec"/>s (<c>pkg/policy/api/l4.go</c>,
/// <c>icmp.go</c>, <c>rule_validation.go</c>). Protocol ANY with a port becomes TCP, UDP and SCTP because a policy
/// map key can wildcard the protocol only together with the port. L7 parts are refused: they need the proxy.
/// </summary>
internal static partial class PortTranslator
{
    private const int MaxPorts = 40;
    private const int MaxIcmpFields = 40;

    public static List<PortSpec> FromPortRules(IReadOnlyList<PortRule> portRules, string path, bool deny)
    {
        var specs = new List<PortSpec>();
        for (var i = 0; i < portRules.Count; i++)
        {
            var field = $"{path}[{i}]";
            var rule = portRules[i] ?? throw new InvalidInputException(field, "must not be null");
            RefuseL7(rule, field, deny);
            if (rule.Ports is null || rule.Ports.Count == 0)
            {
                specs.Add(PortSpec.AllPorts(Protocols.Any));
                continue;
            }
            if (rule.Ports.Count > MaxPorts)
            {
                throw new InvalidInputException($"{field}.ports", $"at most {MaxPorts} ports per rule, got {rule.Ports.Count}");
            }
            for (var j = 0; j < rule.Ports.Count; j++)
            {
                var portField = $"{field}.ports[{j}]";
                var port = rule.Ports[j] ?? throw new InvalidInputException(portField, "must not be null");
                if (!Protocols.TryParse(port.Protocol, out var protocol))
                {
                    throw new InvalidInputException($"{portField}.protocol", $"'{port.Protocol}' is not one of TCP, UDP, SCTP, ICMP, ICMPV6, ANY");
                }
                AddPort(specs, protocol.Value, port.Port, port.EndPort, portField);
            }
        }
        return specs;
    }

    /// <summary>One port as both Cilium and NetworkPolicy write it; <paramref name="portText"/> null or "0" is every port.</summary>
    public static void AddPort(List<PortSpec> specs, byte protocol, string? portText, int? endPort, string field)
    {
        var text = portText?.Trim() ?? "";
        if (text.Length == 0 || text == "0")
        {
            if (endPort is > 0)
            {
                throw new InvalidInputException($"{field}.endPort", "endPort needs a port");
            }
            specs.Add(PortSpec.AllPorts(protocol));
            return;
        }
        if (Protocols.IsIcmp(protocol))
        {
            throw new InvalidInputException($"{field}.port", "ICMP has no ports: use icmps to match ICMP types");
        }
        if (char.IsAsciiDigit(text[0]) || text[0] == '-')
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number is < 0 or > ushort.MaxValue)
            {
                throw new InvalidInputException($"{field}.port", $"'{text}' is not a port number in 0-65535 or a named port");
            }
            var end = number;
            if (endPort is { } e && e != 0)
            {
                if (e < number || e > ushort.MaxValue)
                {
                    throw new InvalidInputException($"{field}.endPort", $"{e} must be between the port ({number}) and 65535");
                }
                end = e;
            }
            foreach (var p in protocol == Protocols.Any ? Protocols.PortProtocols : [protocol])
            {
                specs.Add(new PortSpec(p, (ushort)number, (ushort)end));
            }
            return;
        }
        if (!IsServiceName(text))
        {
            throw new InvalidInputException($"{field}.port", $"'{text}' is not a port number or a valid port name (IANA_SVC_NAME: 1-15 of [a-z0-9-], a letter, no leading, trailing or double '-')");
        }
        if (endPort is > 0)
        {
            throw new InvalidInputException($"{field}.endPort", "a named port cannot have an endPort");
        }
        specs.Add(PortSpec.Named(protocol, text));
    }

    public static List<PortSpec> FromIcmps(IReadOnlyList<IcmpRule> icmps, string path)
    {
        var specs = new List<PortSpec>();
        if (icmps.Count > MaxIcmpFields)
        {
            throw new InvalidInputException(path, $"at most {MaxIcmpFields} entries, got {icmps.Count}");
        }
        for (var i = 0; i < icmps.Count; i++)
        {
            var fields = icmps[i]?.Fields;
            if (fields is null || fields.Count == 0)
            {
                throw new InvalidInputException($"{path}[{i}].fields", "at least one ICMP field is required");
            }
            if (fields.Count > MaxIcmpFields)
            {
                throw new InvalidInputException($"{path}[{i}].fields", $"at most {MaxIcmpFields} entries, got {fields.Count}");
            }
            for (var j = 0; j < fields.Count; j++)
            {
                var field = $"{path}[{i}].fields[{j}]";
                var icmp = fields[j] ?? throw new InvalidInputException(field, "must not be null");
                var ipv6 = icmp.Family switch
                {
                    null or "" or "IPv4" => false,
                    "IPv6" => true,
                    _ => throw new InvalidInputException($"{field}.family", $"'{icmp.Family}' is not IPv4 or IPv6"),
                };
                if (string.IsNullOrEmpty(icmp.Type) || !IcmpTypes.TryParse(icmp.Type, ipv6, out var type))
                {
                    throw new InvalidInputException($"{field}.type", $"'{icmp.Type}' is not an {(ipv6 ? "ICMPv6" : "ICMP")} type number (0-255) or name");
                }
                specs.Add(PortSpec.Icmp(ipv6 ? Protocols.IcmpV6 : Protocols.Icmp, type));
            }
        }
        return specs;
    }

    private static void RefuseL7(PortRule rule, string field, bool deny)
    {
        var rules = rule.Rules;
        if (rules is not null)
        {
            if (deny && (rules.Http is not null || rules.Dns is not null || rules.Kafka is not null || rules.L7Proto is not null || rules.L7 is not null))
            {
                throw new InvalidInputException($"{field}.rules", "deny rules cannot carry L7 rules");
            }
            if (rules.Http is not null)
            {
                throw new InvalidInputException($"{field}.rules.http", "not supported yet: HTTP rules need the L7 proxy");
            }
            if (rules.Dns is not null)
            {
                throw new InvalidInputException($"{field}.rules.dns", "not supported yet: DNS rules need the DNS proxy");
            }
            if (rules.Kafka is not null)
            {
                throw new InvalidInputException($"{field}.rules.kafka", "not supported: Kafka rules were removed from Cilium and need the L7 proxy");
            }
            if (rules.L7Proto is not null || rules.L7 is not null)
            {
                throw new InvalidInputException($"{field}.rules.{(rules.L7Proto is not null ? "l7proto" : "l7")}", "not supported yet: generic L7 rules need the L7 proxy");
            }
        }
        if (rule.TerminatingTls is not null)
        {
            throw new InvalidInputException($"{field}.terminatingTLS", "not supported yet: TLS interception needs the L7 proxy");
        }
        if (rule.OriginatingTls is not null)
        {
            throw new InvalidInputException($"{field}.originatingTLS", "not supported yet: TLS origination needs the L7 proxy");
        }
        if (rule.ServerNames is { Count: > 0 })
        {
            throw new InvalidInputException($"{field}.serverNames", "not supported yet: TLS SNI matching needs the L7 proxy");
        }
        if (rule.Listener is not null)
        {
            throw new InvalidInputException($"{field}.listener", "not supported yet: Envoy listeners need the L7 proxy");
        }
    }

    /// <summary>Kubernetes' IANA_SVC_NAME: what a named port may be called.</summary>
    public static bool IsServiceName(string name) =>
        name.Length is >= 1 and <= 15 && ServiceName().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal) &&
        name.Any(char.IsAsciiLetterLower);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceName();
}
