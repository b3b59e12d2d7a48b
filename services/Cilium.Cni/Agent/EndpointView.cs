using System.Text.Json.Serialization;
using Cilium.Contracts.Agent;

namespace Cilium.Cni.Agent;

/// <summary>
/// The part of the agent's <see cref="Endpoint"/> (Cilium's v1 <c>Endpoint</c>) the plugin reads: id, state, log,
/// health and addresses. The full model is dozens of types (policy, controllers, realized spec...); a fresh plugin
/// process paid about 10 ms to build their JSON metadata for every ADD and CHECK, only to drop them.
/// </summary>
public sealed record EndpointView(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("status")] EndpointStatusView? Status);

/// <summary>The read part of <see cref="EndpointStatus"/>; same field names.</summary>
public sealed record EndpointStatusView(
    [property: JsonPropertyName("state")] EndpointState State,
    [property: JsonPropertyName("log")] IReadOnlyList<EndpointStatusChange>? Log = null,
    [property: JsonPropertyName("health")] EndpointHealth? Health = null,
    [property: JsonPropertyName("networking")] EndpointAddressingView? Networking = null);

/// <summary>The addresses of <see cref="EndpointNetworking"/>.</summary>
public sealed record EndpointAddressingView(
    [property: JsonPropertyName("addressing")] IReadOnlyList<AddressPair>? Addressing = null);
