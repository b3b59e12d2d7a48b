using System.Text.Json.Serialization;

namespace Cilium.Endpoint.Storage;

/// <summary>Serialization of the bucket's private values (claims); records use the public contracts' context.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IpClaim))]
[JsonSerializable(typeof(PodCidrIndex))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
