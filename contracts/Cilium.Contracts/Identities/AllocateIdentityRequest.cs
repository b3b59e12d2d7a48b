using System.Text.Json.Serialization;

namespace Cilium.Contracts.Identities;

/// <summary>Body of <c>POST /v1/identities</c>: the labels of a workload, security-relevant or not.</summary>
public sealed record AllocateIdentityRequest(
    [property: JsonPropertyName("labels")] IReadOnlyList<string>? Labels);
