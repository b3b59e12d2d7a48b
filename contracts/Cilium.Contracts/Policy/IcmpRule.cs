using System.Text.Json.Serialization;

namespace Cilium.Contracts.Policy;

/// <summary>An <c>icmps</c> entry (<c>pkg/policy/api/icmp.go</c>).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record IcmpRule
{
    [JsonPropertyName("fields")] public IReadOnlyList<IcmpField>? Fields { get; init; }
}
