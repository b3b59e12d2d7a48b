using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Cilium.Contracts.Agent;

/// <summary>
/// A parsed endpoint id of <c>/v1/endpoint/{id}</c>, <c>[prefix:]value</c> (Cilium <c>pkg/endpoint/id/id.go</c>;
/// reference 1.3). Only <see cref="Parse"/> and <see cref="TryParse"/> build one, so the typed parts always agree
/// with <see cref="Kind"/>.
/// </summary>
public sealed record EndpointIdSpec
{
    /// <summary>Largest node-local endpoint id (Cilium's <c>MaxEndpointID</c>).</summary>
    public const long MaxLocalId = 4095;

    private static readonly string ValidForms =
        "cilium-local:<n>, <n>, cni-attachment-id:<containerID>[:<ifname>], cep-name:<namespace>/<name>, " +
        "ipv4:<address>, ipv6:<address>, container-id:<containerID>, pod-name:<namespace>/<pod>";

    private EndpointIdSpec(EndpointIdKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public EndpointIdKind Kind { get; }

    /// <summary>The text after the prefix.</summary>
    public string Value { get; }

    /// <summary>The node-local id, for <see cref="EndpointIdKind.CiliumLocal"/>.</summary>
    public long? LocalId { get; private init; }

    /// <summary>The namespace, for <see cref="EndpointIdKind.CepName"/> and <see cref="EndpointIdKind.PodName"/>.</summary>
    public string? Namespace { get; private init; }

    /// <summary>The endpoint or pod name, for <see cref="EndpointIdKind.CepName"/> and <see cref="EndpointIdKind.PodName"/>.</summary>
    public string? Name { get; private init; }

    /// <summary>For <see cref="EndpointIdKind.CniAttachmentId"/> and <see cref="EndpointIdKind.ContainerId"/>.</summary>
    public string? ContainerId { get; private init; }

    /// <summary>The container-side interface, when a <see cref="EndpointIdKind.CniAttachmentId"/> names one.</summary>
    public string? InterfaceName { get; private init; }

    /// <summary>For <see cref="EndpointIdKind.Ipv4"/> and <see cref="EndpointIdKind.Ipv6"/>.</summary>
    public IPAddress? Address { get; private init; }

    /// <summary>The prefix text of a kind, e.g. <c>cni-attachment-id</c>.</summary>
    public static string PrefixOf(EndpointIdKind kind) => kind switch
    {
        EndpointIdKind.CiliumLocal => "cilium-local",
        EndpointIdKind.CniAttachmentId => "cni-attachment-id",
        EndpointIdKind.CepName => "cep-name",
        EndpointIdKind.Ipv4 => "ipv4",
        EndpointIdKind.Ipv6 => "ipv6",
        EndpointIdKind.ContainerId => "container-id",
        EndpointIdKind.PodName => "pod-name",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Parses an id; a bad form throws <see cref="FormatException"/> whose message names the valid forms.</summary>
    public static EndpointIdSpec Parse(string text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out EndpointIdSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"empty endpoint id; expected one of {ValidForms}";
            return false;
        }
        // The prefix ends at the first colon, so "ipv6:fd00::1" keeps its address whole.
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? "cilium-local" : text[..colon];
        var value = colon < 0 ? text : text[(colon + 1)..];
        (spec, error) = prefix switch
        {
            "cilium-local" => ParseLocal(text, value),
            "cni-attachment-id" => ParseAttachment(text, value),
            "cep-name" => ParseNamespaced(text, value, EndpointIdKind.CepName),
            "pod-name" => ParseNamespaced(text, value, EndpointIdKind.PodName),
            "ipv4" => ParseAddress(text, value, EndpointIdKind.Ipv4, AddressFamily.InterNetwork),
            "ipv6" => ParseAddress(text, value, EndpointIdKind.Ipv6, AddressFamily.InterNetworkV6),
            "container-id" => value.Length == 0
                ? (null, Bad(text, "container id is empty"))
                : (new EndpointIdSpec(EndpointIdKind.ContainerId, value) { ContainerId = value }, null),
            "cilium-global" => (null, Bad(text, "cilium-global ids are not supported")),
            _ => (null, Bad(text, $"unknown prefix \"{prefix}\"")),
        };
        return spec is not null;
    }

    public override string ToString() => $"{PrefixOf(Kind)}:{Value}";

    private static (EndpointIdSpec?, string?) ParseLocal(string text, string value)
    {
        // Decimal only: a sign, spaces or hex would make two spellings of one endpoint.
        if (value.Length == 0 || value.Length > 9 || !value.All(char.IsAsciiDigit))
        {
            return (null, Bad(text, "a local endpoint id is a decimal number"));
        }
        var id = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
        return id > MaxLocalId
            ? (null, Bad(text, $"local endpoint id {id} is above {MaxLocalId}"))
            : (new EndpointIdSpec(EndpointIdKind.CiliumLocal, id.ToString(CultureInfo.InvariantCulture)) { LocalId = id }, null);
    }

    private static (EndpointIdSpec?, string?) ParseAttachment(string text, string value)
    {
        var parts = value.Split(':');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0))
        {
            return (null, Bad(text, "expected cni-attachment-id:<containerID>[:<ifname>]"));
        }
        return (new EndpointIdSpec(EndpointIdKind.CniAttachmentId, value)
        {
            ContainerId = parts[0],
            InterfaceName = parts.Length == 2 ? parts[1] : null,
        }, null);
    }

    private static (EndpointIdSpec?, string?) ParseNamespaced(string text, string value, EndpointIdKind kind)
    {
        var parts = value.Split('/');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return (null, Bad(text, $"expected {PrefixOf(kind)}:<namespace>/<name>"));
        }
        return (new EndpointIdSpec(kind, value) { Namespace = parts[0], Name = parts[1] }, null);
    }

    private static (EndpointIdSpec?, string?) ParseAddress(string text, string value, EndpointIdKind kind, AddressFamily family)
    {
        // IPAddress.TryParse also takes shorthand like "10.1" (= 10.0.0.1); an id must name the address in full.
        var dotted = family != AddressFamily.InterNetwork || value.Count(c => c == '.') == 3;
        if (!dotted || !IPAddress.TryParse(value, out var address) || address.AddressFamily != family)
        {
            return (null, Bad(text, $"\"{value}\" is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address"));
        }
        return (new EndpointIdSpec(kind, address.ToString()) { Address = address }, null);
    }

    private static string Bad(string text, string why) => $"invalid endpoint id \"{text}\": {why}; expected one of {ValidForms}";
}
