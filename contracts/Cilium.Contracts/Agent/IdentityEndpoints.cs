using System.Text.Json.Serialization;
using Cilium.Contracts.Identities;

namespace Cilium.Contracts.Agent;

/// <summary>An identity and how many local endpoints use it (Cilium <c>models.IdentityEndpoints</c>).</summary>
public sealed record IdentityEndpoints(
    [property: JsonPropertyName("identity")] Identity Identity,
    [property: JsonPropertyName("refCount")] long RefCount);
