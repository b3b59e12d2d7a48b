using System.Text.Json;
using System.Text.Json.Serialization;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Events;
using Cilium.Contracts.Identities;
using Cilium.Contracts.Nodes;
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
[JsonSerializable(typeof(CiliumEndpoint))]
[JsonSerializable(typeof(CiliumEndpoint[]))]
[JsonSerializable(typeof(PutEndpointRequest))]
[JsonSerializable(typeof(CiliumNode))]
[JsonSerializable(typeof(CiliumNode[]))]
[JsonSerializable(typeof(PutNodeRequest))]
[JsonSerializable(typeof(CiliumNetworkPolicy))]
[JsonSerializable(typeof(CiliumClusterwideNetworkPolicy))]
[JsonSerializable(typeof(NetworkPolicy))]
[JsonSerializable(typeof(IReadOnlyList<CiliumNetworkPolicy>))]
[JsonSerializable(typeof(IReadOnlyList<CiliumClusterwideNetworkPolicy>))]
[JsonSerializable(typeof(IReadOnlyList<NetworkPolicy>))]
// Agent REST API (contracts/Cilium.Contracts/Agent); qualified because names like Endpoint and Status are common.
[JsonSerializable(typeof(Agent.Endpoint))]
[JsonSerializable(typeof(Agent.Endpoint[]))]
[JsonSerializable(typeof(IReadOnlyList<Agent.Endpoint>))]
[JsonSerializable(typeof(Agent.EndpointChangeRequest))]
[JsonSerializable(typeof(Agent.EndpointBatchDeleteRequest))]
[JsonSerializable(typeof(Agent.EndpointHealth))]
[JsonSerializable(typeof(Agent.EndpointStatusChange))]
[JsonSerializable(typeof(Agent.EndpointStatusChange[]))]
[JsonSerializable(typeof(IReadOnlyList<Agent.EndpointStatusChange>))]
[JsonSerializable(typeof(Agent.EndpointConfigurationSpec))]
[JsonSerializable(typeof(Agent.EndpointConfigurationStatus))]
[JsonSerializable(typeof(Agent.LabelConfiguration))]
[JsonSerializable(typeof(Agent.LabelConfigurationSpec))]
[JsonSerializable(typeof(Agent.IdentityEndpoints))]
[JsonSerializable(typeof(Agent.IdentityEndpoints[]))]
[JsonSerializable(typeof(IReadOnlyList<Agent.IdentityEndpoints>))]
[JsonSerializable(typeof(Agent.PolicyResponse))]
[JsonSerializable(typeof(Agent.SelectorIdentityMapping))]
[JsonSerializable(typeof(Agent.SelectorIdentityMapping[]))]
[JsonSerializable(typeof(IReadOnlyList<Agent.SelectorIdentityMapping>))]
[JsonSerializable(typeof(Agent.IPAMResponse))]
[JsonSerializable(typeof(Agent.BPFMapList))]
[JsonSerializable(typeof(Agent.BPFMap))]
[JsonSerializable(typeof(Agent.StatusResponse))]
[JsonSerializable(typeof(Agent.DaemonConfiguration))]
[JsonSerializable(typeof(Agent.DaemonConfigurationSpec))]
[JsonSerializable(typeof(Agent.ClusterNodeStatus))]
[JsonSerializable(typeof(Agent.IPListEntry))]
[JsonSerializable(typeof(Agent.IPListEntry[]))]
[JsonSerializable(typeof(IReadOnlyList<Agent.IPListEntry>))]
[JsonSerializable(typeof(Agent.MonitorEvent))]
[JsonSerializable(typeof(Cni.PendingDeletion))]
public sealed partial class CiliumJsonContext : JsonSerializerContext;
