using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>A node of the cluster (Cilium <c>models.NodeElement</c>).</summary>
/// <param name="Source">Where the agent learned of the node (<c>local</c>, <c>kvstore</c>, <c>custom-resource</c>, …).</param>
public sealed record NodeElement(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("primary-address")] NodeAddressing? PrimaryAddress = null,
    [property: JsonPropertyName("secondary-addresses")] IReadOnlyList<NodeAddressingElement>? SecondaryAddresses = null,
    [property: JsonPropertyName("health-endpoint-address")] NodeAddressing? HealthEndpointAddress = null,
    [property: JsonPropertyName("ingress-address")] NodeAddressing? IngressAddress = null,
    [property: JsonPropertyName("source")] string? Source = null);
