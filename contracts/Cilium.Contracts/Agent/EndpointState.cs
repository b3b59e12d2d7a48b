using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>Lifecycle state of an endpoint (Cilium <c>models.EndpointState</c>); serialized as Cilium's kebab-case strings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EndpointState>))]
public enum EndpointState
{
    [JsonStringEnumMemberName("waiting-for-identity")] WaitingForIdentity,
    [JsonStringEnumMemberName("not-ready")] NotReady,
    [JsonStringEnumMemberName("waiting-to-regenerate")] WaitingToRegenerate,
    [JsonStringEnumMemberName("regenerating")] Regenerating,
    [JsonStringEnumMemberName("restoring")] Restoring,
    [JsonStringEnumMemberName("ready")] Ready,
    [JsonStringEnumMemberName("disconnecting")] Disconnecting,
    [JsonStringEnumMemberName("disconnected")] Disconnected,
    [JsonStringEnumMemberName("invalid")] Invalid,
}
