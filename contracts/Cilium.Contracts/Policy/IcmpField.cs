using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>One ICMP match: <c>family</c> IPv4 (default) or IPv6, <c>type</c> a number 0-255 or a type name such as EchoRequest.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IcmpField
{
    [JsonPropertyName("family")] public string? Family { get; init; }

    [JsonPropertyName("type")]
    [JsonConverter(typeof(IntOrStringConverter))]
    public string? Type { get; init; }
}
