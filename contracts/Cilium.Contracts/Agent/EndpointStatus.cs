using System.Text.Json.Serialization;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Identities;

namespace Cilium.Contracts.Agent;

/// <summary>What the agent has realized for an endpoint (Cilium <c>models.EndpointStatus</c>; <c>state</c> is required).</summary>
/// <param name="Log">Most recent status changes, newest first as Cilium keeps them.</param>
public sealed record EndpointStatus(
    [property: JsonPropertyName("state")] EndpointState State,
    [property: JsonPropertyName("identity")] Identity? Identity = null,
    [property: JsonPropertyName("labels")] LabelConfigurationStatus? Labels = null,
    [property: JsonPropertyName("networking")] EndpointNetworking? Networking = null,
    [property: JsonPropertyName("external-identifiers")] EndpointIdentifiers? ExternalIdentifiers = null,
    [property: JsonPropertyName("policy")] EndpointPolicyStatus? Policy = null,
    [property: JsonPropertyName("realized")] EndpointConfigurationSpec? Realized = null,
    [property: JsonPropertyName("log")] IReadOnlyList<EndpointStatusChange>? Log = null,
    [property: JsonPropertyName("controllers")] IReadOnlyList<ControllerStatus>? Controllers = null,
    [property: JsonPropertyName("health")] EndpointHealth? Health = null,
    [property: JsonPropertyName("namedPorts")] IReadOnlyList<NamedPort>? NamedPorts = null);
