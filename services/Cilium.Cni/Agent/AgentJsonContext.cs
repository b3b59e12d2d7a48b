using System.Text.Json.Serialization;
using Cilium.Contracts.Agent;

namespace Cilium.Cni.Agent;

/// <summary>
/// JSON of the agent calls, generated for only the types the plugin sends and reads, with the options of the
/// contracts' own context (camelCase, nulls left out, enums as Cilium's strings), so the wire format is the same.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(EndpointChangeRequest))]
[JsonSerializable(typeof(IPAMResponse))]
[JsonSerializable(typeof(EndpointView))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
