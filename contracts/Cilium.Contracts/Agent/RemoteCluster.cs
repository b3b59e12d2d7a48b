using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>One remote cluster of the mesh (Cilium <c>models.RemoteCluster</c>); <c>last-failure</c> is RFC 3339 text.</summary>
public sealed record RemoteCluster(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("connected")] bool Connected = false,
    [property: JsonPropertyName("ready")] bool Ready = false,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("num-nodes")] long NumNodes = 0,
    [property: JsonPropertyName("num-endpoints")] long NumEndpoints = 0,
    [property: JsonPropertyName("num-identities")] long NumIdentities = 0,
    [property: JsonPropertyName("num-shared-services")] long NumSharedServices = 0,
    [property: JsonPropertyName("num-failures")] long NumFailures = 0,
    [property: JsonPropertyName("last-failure")] string? LastFailure = null);
