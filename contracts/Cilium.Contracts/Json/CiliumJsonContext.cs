using System.Text.Json;
using System.Text.Json.Serialization;
using Cilium.Contracts.Events;
using Cilium.Contracts.Identities;
using Cilium.Contracts.Policy;

namespace Cilium.Contracts.Json;

/// <summary>Source-generated serialization for every wire contract. Names follow Cilium's JSON (camelCase unless a property says otherwise).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CiliumEvent))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Identity))]
[JsonSerializable(typeof(Identity[]))]
[JsonSerializable(typeof(List<Identity>))]
[JsonSerializable(typeof(AllocateIdentityRequest))]
[JsonSerializable(typeof(CiliumNetworkPolicy))]
[JsonSerializable(typeof(CiliumClusterwideNetworkPolicy))]
[JsonSerializable(typeof(NetworkPolicy))]
[JsonSerializable(typeof(IReadOnlyList<CiliumNetworkPolicy>))]
[JsonSerializable(typeof(IReadOnlyList<CiliumClusterwideNetworkPolicy>))]
[JsonSerializable(typeof(IReadOnlyList<NetworkPolicy>))]
public sealed partial class CiliumJsonContext : JsonSerializerContext;
