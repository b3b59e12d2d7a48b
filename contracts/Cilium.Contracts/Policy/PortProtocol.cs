using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>
/// One port of a <see cref="PortRule"/>: <c>port</c> is a number or a named port (Cilium's schema says string;
/// an unquoted YAML number is accepted too), <c>endPort</c> closes a range, <c>protocol</c> defaults to ANY.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PortProtocol
{
    [JsonPropertyName("port")]
    [JsonConverter(typeof(StringOrNumberConverter))]
    public string? Port { get; init; }

    [JsonPropertyName("endPort")] public int? EndPort { get; init; }
    [JsonPropertyName("protocol")] public string? Protocol { get; init; }
}
