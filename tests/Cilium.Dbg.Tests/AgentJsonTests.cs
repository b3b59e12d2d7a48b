using System.Text.Json;
using System.Text.Json.Nodes;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Dbg.Tests;

/// <summary>The agent models carry Cilium's exact JSON names (reference 1.4) and survive a round trip.</summary>
public sealed class AgentJsonTests
{
    [Fact]
    public void Endpoint_Serialized_UsesCiliumKebabNames()
    {
        var json = JsonNode.Parse(JsonSerializer.Serialize(FakeAgentData.Endpoint42, CiliumJson.Options))!;

        var status = json["status"]!;
        Assert.Equal("ready", (string?)status["state"]);
        Assert.Equal("c0ffee", (string?)status["external-identifiers"]!["container-id"]);
        Assert.Equal("c0ffee:eth0", (string?)status["external-identifiers"]!["cni-attachment-id"]);
        Assert.Equal("default", (string?)status["external-identifiers"]!["k8s-namespace"]);
        Assert.Equal("k8s:app=web", (string?)status["labels"]!["security-relevant"]![1]);
        Assert.Equal("198.18.1.10", (string?)status["networking"]!["addressing"]![0]!["ipv4"]);
        Assert.Equal("lxc42", (string?)status["networking"]!["interface-name"]);
        Assert.Equal(12, (long?)status["networking"]!["interface-index"]);
        Assert.Equal("ingress", (string?)status["policy"]!["realized"]!["policy-enabled"]);
        Assert.Equal(3, (long?)status["policy"]!["realized"]!["policy-revision"]);
        Assert.Equal("OK", (string?)status["health"]!["overallHealth"]);
        Assert.Equal("sha", (string?)status["identity"]!["labelsSHA256"]);
        Assert.Equal("Disabled", (string?)json["spec"]!["options"]!["PolicyAuditMode"]);
    }

    [Theory]
    [InlineData(EndpointState.WaitingForIdentity, "waiting-for-identity")]
    [InlineData(EndpointState.NotReady, "not-ready")]
    [InlineData(EndpointState.WaitingToRegenerate, "waiting-to-regenerate")]
    [InlineData(EndpointState.Regenerating, "regenerating")]
    [InlineData(EndpointState.Restoring, "restoring")]
    [InlineData(EndpointState.Ready, "ready")]
    [InlineData(EndpointState.Disconnecting, "disconnecting")]
    [InlineData(EndpointState.Disconnected, "disconnected")]
    [InlineData(EndpointState.Invalid, "invalid")]
    public void EndpointState_SerializedAnyWay_IsCiliumString(EndpointState state, string expected)
    {
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(state, CiliumJson.Options));
        // Also with plain options (a host that never heard of the contract context): the enum carries its converter.
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(state));
        Assert.Equal(state, JsonSerializer.Deserialize<EndpointState>($"\"{expected}\"", CiliumJson.Options));
    }

    [Fact]
    public void EndpointChangeRequest_CniBody_ReadsEveryKebabName()
    {
        const string body = """
            {"state":"waiting-for-identity","container-id":"abc","container-interface-name":"eth0",
             "container-netns-path":"/var/run/netns/x","interface-name":"lxcabc","interface-index":9,
             "k8s-namespace":"default","k8s-pod-name":"web-1","k8s-uid":"u-1","labels":["k8s:app=web"],
             "mac":"02:00:00:00:00:01","host-mac":"02:00:00:00:00:02","netns-cookie":"4096","sync-build-endpoint":true,
             "datapath-configuration":{"external-ipam":true,"require-routing":false},
             "addressing":{"ipv4":"198.18.1.10","ipv4-expiration-uuid":"e-1"},"properties":{"x":1}}
            """;

        var request = JsonSerializer.Deserialize(body, CiliumJsonContext.Default.EndpointChangeRequest)!;

        Assert.Equal(EndpointState.WaitingForIdentity, request.State);
        Assert.Equal("abc", request.ContainerId);
        Assert.Equal("eth0", request.ContainerInterfaceName);
        Assert.Equal("/var/run/netns/x", request.ContainerNetnsPath);
        Assert.Equal(9, request.InterfaceIndex);
        Assert.Equal("web-1", request.K8sPodName);
        Assert.Equal("u-1", request.K8sUid);
        Assert.Equal("4096", request.NetnsCookie);
        Assert.True(request.SyncBuildEndpoint);
        Assert.True(request.DatapathConfiguration!.ExternalIpam);
        Assert.False(request.DatapathConfiguration.RequireRouting);
        Assert.Equal("e-1", request.Addressing!.Ipv4ExpirationUuid);
        Assert.Equal(1, request.Properties!["x"].GetInt32());
    }

    [Fact]
    public void StatusResponse_RoundTrip_KeepsValuesAndNames()
    {
        var json = JsonSerializer.Serialize(FakeAgentData.Status, CiliumJson.Options);
        var node = JsonNode.Parse(json)!;
        var back = JsonSerializer.Deserialize(json, CiliumJsonContext.Default.StatusResponse)!;

        Assert.Equal("Ok", (string?)node["kvstore"]!["state"]);
        Assert.Equal("Disabled", (string?)node["kubernetes"]!["state"]);
        Assert.Equal("198.18.0.1", (string?)node["cluster"]!["nodes"]![0]!["primary-address"]!["ipv4"]!["ip"]);
        Assert.True((bool?)node["cluster"]!["nodes"]![0]!["primary-address"]!["ipv4"]!["enabled"]);
        Assert.Equal(256, (long?)node["identity-range"]!["min-identity"]);
        Assert.Equal(4096, (long?)node["hubble"]!["observer"]!["max-flows"]);
        Assert.Equal(0.0025, (double?)node["bpf-maps"]!["dynamic-size-ratio"]);
        Assert.Equal(2, (long?)node["controllers"]![1]!["status"]!["consecutive-failure-count"]);
        Assert.Equal(1, (long?)node["client-id"]);
        Assert.Equal("tcx", (string?)node["attach-mode"]);
        Assert.Equal("veth", (string?)node["datapath-mode"]);
        Assert.Equal(4, (long?)node["nodeMonitor"]!["cpus"]);
        Assert.Equal("Tunnel", (string?)node["routing"]!["inter-host-routing-mode"]);
        Assert.Equal(FakeAgentData.Status.Cluster!.Self, back.Cluster!.Self);
        Assert.Equal(FakeAgentData.Status.Hubble, back.Hubble);
        Assert.Equal(FakeAgentData.Status.IdentityRange, back.IdentityRange);
    }

    [Fact]
    public void SmallModels_Serialized_UseCiliumNames()
    {
        string S<T>(T value) => JsonSerializer.Serialize(value, CiliumJson.Options);

        Assert.Equal("""{"container-id":"abc"}""", S(new EndpointBatchDeleteRequest("abc")));
        Assert.Equal("""{"policy":"[]","revision":7}""", S(new PolicyResponse("[]", 7)));
        Assert.Equal("""{"key":"k","value":"v","desired-action":"sync","last-error":"e"}""", S(new BPFMapEntry("k", "v", "sync", "e")));
        Assert.Equal("""{"cidr":"198.18.1.10/32","identity":9,"hostIP":"198.18.0.2","encryptKey":0,"metadata":{"source":"k8s","namespace":"ns","name":"n"}}""",
            S(new IPListEntry("198.18.1.10/32", 9, "198.18.0.2", 0, new IPListEntryMetadata("k8s", "ns", "n"))));
        Assert.Equal("""{"selector":"s","identities":[1],"users":2,"labels":[["a"]]}""", S(new SelectorIdentityMapping("s", [1], 2, [["a"]])));
        Assert.Equal("""{"code":"OK","message":"m","state":"regenerating","timestamp":"t"}""", S(new EndpointStatusChange("OK", "m", EndpointState.Regenerating, "t")));
        Assert.Equal("""{"identity":{"id":1,"labels":["reserved:host"],"labelsSHA256":"h"},"refCount":3}""", S(new IdentityEndpoints(FakeAgentData.Host, 3)));
        Assert.Equal("""{"client-id":5,"self":"c/n","nodes-added":[{"name":"c/n"}]}""", S(new ClusterNodeStatus(5, "c/n", [new NodeElement("c/n")])));
    }

    [Fact]
    public void IpamResponse_Serialized_UsesCiliumNames()
    {
        var response = new IPAMResponse(
            new AddressPair(Ipv4: "198.18.1.10"),
            new NodeAddressing(new NodeAddressingElement(true, "198.18.0.1", "198.18.1.0/24", "InternalIP")),
            new IPAMAddressResponse("198.18.1.10", "198.18.1.1", ["198.18.0.0/15"], "02:00:00:00:00:01", "uuid", "0", true));

        var node = JsonNode.Parse(JsonSerializer.Serialize(response, CiliumJson.Options))!;

        Assert.Equal("198.18.1.10", (string?)node["address"]!["ipv4"]);
        Assert.Equal("198.18.1.0/24", (string?)node["host-addressing"]!["ipv4"]!["alloc-range"]);
        Assert.Equal("InternalIP", (string?)node["host-addressing"]!["ipv4"]!["address-type"]);
        Assert.Equal("198.18.1.1", (string?)node["ipv4"]!["gateway"]);
        Assert.Equal("02:00:00:00:00:01", (string?)node["ipv4"]!["master-mac"]);
        Assert.Equal("uuid", (string?)node["ipv4"]!["expiration-uuid"]);
        Assert.Equal("0", (string?)node["ipv4"]!["interface-number"]);
        Assert.True((bool?)node["ipv4"]!["skip-masquerade"]);
        Assert.Null(node["ipv6"]);
    }

    [Fact]
    public void MonitorEvent_RoundTrip_KeepsEveryField()
    {
        var original = FakeAgentData.MonitorEvents[0];

        var json = JsonSerializer.Serialize(original, CiliumJsonContext.Default.MonitorEvent);
        var node = JsonNode.Parse(json)!;

        Assert.Equal("drop", (string?)node["type"]);
        Assert.Equal(133, (int?)node["drop-reason"]);
        Assert.Equal("Policy denied", (string?)node["drop-reason-desc"]);
        Assert.Equal(12345, (long?)node["destination-identity"]);
        Assert.Equal(42, (long?)node["endpoint-id"]);
        Assert.Equal(original, JsonSerializer.Deserialize(json, CiliumJsonContext.Default.MonitorEvent));
    }

    [Fact]
    public void AgentPaths_Endpoint_EscapesIdIntoOneSegment()
    {
        Assert.Equal("/v1/endpoint/cep-name%3Adefault%2Fweb-1/log", AgentPaths.EndpointLog("cep-name:default/web-1"));
        Assert.Equal("/v1/map/cilium_policy_v2_00042", AgentPaths.Map(AgentPaths.PolicyMapName(42)));
        Assert.Equal("/var/run/cilium/cilium.sock", AgentPaths.DefaultSocketPath);
        Assert.Equal("CILIUM_SOCK", AgentPaths.SocketEnvironmentVariable);
    }
}
