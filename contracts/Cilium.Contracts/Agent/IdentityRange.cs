using System.Text.Json.Serialization;

namespace Cilium.Contracts.Agent;

/// <summary>The range cluster-scoped identities are allocated from (Cilium <c>models.IdentityRange</c>).</summary>
public sealed record IdentityRange(
    [property: JsonPropertyName("min-identity")] long MinIdentity,
    [property: JsonPropertyName("max-identity")] long MaxIdentity);
