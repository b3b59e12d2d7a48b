using System.Text.Json.Serialization;

namespace Cilium.Contracts.Endpoints;

/// <summary>
/// An endpoint as the cluster-wide registry holds it (the role of Cilium's CiliumEndpoint resource): its name,
/// node, node-local id, IPs, identity, labels and named ports. <paramref name="Revision"/> is the revision of the
/// stored record (set in REST answers, absent in event data, whose envelope carries it).
/// </summary>
public sealed record CiliumEndpoint(
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("node")] string Node,
    [property: JsonPropertyName("endpointId")] long EndpointId,
    [property: JsonPropertyName("addressing")] EndpointAddressing Addressing,
    [property: JsonPropertyName("identity")] long Identity,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("namedPorts")] IReadOnlyList<NamedPort> NamedPorts,
    [property: JsonPropertyName("revision")] ulong? Revision = null);
