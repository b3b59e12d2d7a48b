using System.Net;
using Cilium.Contracts.Nodes;
using Cilium.Core.Errors;
using Cilium.Endpoint.Validation;

namespace Cilium.Endpoint.Nodes;

/// <summary>
/// Turns a node PUT body into the record to store, or throws <see cref="InvalidInputException"/> naming the first
/// bad field. Address types follow CiliumNode's <c>spec.addresses</c>; pod CIDRs must be exact prefixes.
/// </summary>
public static class NodeRequestValidator
{
    private static readonly string[] AddressTypes = ["InternalIP", "ExternalIP", "CiliumInternalIP"];

    public static void ValidateName(string name)
    {
        if (!K8sNames.IsDnsSubdomain(name))
        {
            throw new InvalidInputException("name", $"'{name}' is not a valid node name (RFC 1123 subdomain)");
        }
    }

    public static CiliumNode Validate(string name, PutNodeRequest? request)
    {
        ValidateName(name);
        if (request is null)
        {
            throw new InvalidInputException("body", "a node is required");
        }
        return new CiliumNode(name, ValidateAddresses(request.Addresses), ValidateCidrs(request.PodCidrs), ValidateLabels(request.Labels),
            HubbleAddress: ValidateHubbleAddress(request.HubbleAddress));
    }

    /// <summary><c>host:port</c> (IP, <c>[IPv6]</c> or DNS name) or <c>unix:///absolute/path</c>, as hubble-relay dials it.</summary>
    private static string? ValidateHubbleAddress(string? address)
    {
        if (address is null)
        {
            return null;
        }
        if (address.StartsWith("unix://", StringComparison.Ordinal))
        {
            return address.Length > "unix://".Length && address["unix://".Length] == '/' && !address.Contains('\0', StringComparison.Ordinal)
                ? address
                : throw new InvalidInputException("hubbleAddress", $"'{address}' is not unix:///absolute/path");
        }
        var colon = address.LastIndexOf(':');
        var host = colon > 0 ? address[..colon] : "";
        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        var hostOk = bracketed ? IPAddress.TryParse(host[1..^1], out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            : IPAddress.TryParse(host, out var v4) ? v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            : K8sNames.IsDnsSubdomain(host);
        if (!hostOk || !ushort.TryParse(address.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port == 0)
        {
            throw new InvalidInputException("hubbleAddress", $"'{address}' is not host:port (e.g. 198.18.0.1:4244, [fd00::1]:4244) or unix:///path");
        }
        return address;
    }

    private static IReadOnlyList<NodeAddress> ValidateAddresses(IReadOnlyList<NodeAddress>? addresses)
    {
        var result = new List<NodeAddress>();
        for (var i = 0; i < (addresses?.Count ?? 0); i++)
        {
            var address = addresses![i] ?? throw new InvalidInputException($"addresses[{i}]", "an address cannot be null");
            if (!AddressTypes.Contains(address.Type))
            {
                throw new InvalidInputException($"addresses[{i}].type", $"'{address.Type}' is not one of {string.Join(", ", AddressTypes)}");
            }
            if (!IpText.TryCanonical(address.Ip, out var ip))
            {
                throw new InvalidInputException($"addresses[{i}].ip", $"'{address.Ip}' is not an IP address");
            }
            result.Add(new NodeAddress(address.Type, ip));
        }
        return result;
    }

    private static IReadOnlyList<string> ValidateCidrs(IReadOnlyList<string>? cidrs)
    {
        var result = new List<string>();
        for (var i = 0; i < (cidrs?.Count ?? 0); i++)
        {
            var text = cidrs![i];
            var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
            // A pod CIDR must be exactly a prefix: "198.18.0.1/16" (host bits set) is refused, not masked.
            if (slash < 0 || !IpText.TryCanonical(text![..slash], out var address) || !IPNetwork.TryParse(text, out var network)
                || network.BaseAddress.ToString() != address)
            {
                throw new InvalidInputException($"podCIDRs[{i}]", $"'{text}' is not a prefix (address/length with no host bits set)");
            }
            var canonical = network.ToString();
            var overlapped = result.FindIndex(c => PodCidrs.Overlap(c, canonical));
            if (overlapped >= 0)
            {
                throw new InvalidInputException($"podCIDRs[{i}]", $"'{text}' overlaps podCIDRs[{overlapped}] '{result[overlapped]}'");
            }
            result.Add(canonical);
        }
        return result;
    }

    private static IReadOnlyDictionary<string, string> ValidateLabels(IReadOnlyDictionary<string, string>? labels)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            if (!K8sNames.IsLabelKey(key))
            {
                throw new InvalidInputException($"labels.{key}", $"'{key}' is not a valid label key");
            }
            if (!K8sNames.IsLabelValue(value))
            {
                throw new InvalidInputException($"labels.{key}", $"'{value}' is not a valid label value");
            }
            result[key] = value;
        }
        return result;
    }
}
