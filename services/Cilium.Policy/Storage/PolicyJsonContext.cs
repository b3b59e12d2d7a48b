using System.Text.Json.Serialization;
using Cilium.Policy.Models;

namespace Cilium.Policy.Storage;

/// <summary>Source-generated JSON for the service's own records (bucket values and REST answers).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RevisionRecord))]
[JsonSerializable(typeof(PolicyRecord))]
[JsonSerializable(typeof(PolicyList))]
[JsonSerializable(typeof(ApplyResult))]
[JsonSerializable(typeof(PolicyTraceRequest))]
[JsonSerializable(typeof(PolicyTraceResponse))]
[JsonSerializable(typeof(Manifests.DocumentRef))]
public sealed partial class PolicyJsonContext : JsonSerializerContext;
