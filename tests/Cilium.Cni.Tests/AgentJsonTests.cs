extern alias plugin;

using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using plugin::Cilium.Cni.Agent;
using Xunit;

namespace Cilium.Cni.Tests;

/// <summary>
/// The plugin's own JSON context and endpoint view must speak exactly the agent's contract: the same request bytes,
/// and every field it reads found under the agent's names.
/// </summary>
public sealed class AgentJsonTests
{
    [Fact]
    public void EndpointChangeRequest_SerializesToTheSameBytesAsTheContract()
    {
        var request = new EndpointChangeRequest(
            EndpointState.WaitingForIdentity,
            Addressing: new AddressPair(Ipv4: "198.19.1.7", Ipv6: "fd00::7"),
            ContainerId: "c1",
            ContainerInterfaceName: "eth0",
            ContainerNetnsPath: "/var/run/netns/p1",
            HostMac: "02:00:00:00:00:01",
            InterfaceIndex: 42,
            InterfaceName: "lxc0123456789a",
            K8sNamespace: "default",
            K8sPodName: "web",
            Labels: ["k8s:app=web"],
            Mac: "02:00:00:00:00:02",
            SyncBuildEndpoint: true);

        var plugin = JsonSerializer.Serialize(request, AgentJsonContext.Default.EndpointChangeRequest);
        var contract = JsonSerializer.Serialize(request, CiliumJsonContext.Default.EndpointChangeRequest);

        Assert.Equal(contract, plugin);
        Assert.Contains("\"state\":\"waiting-for-identity\"", plugin, StringComparison.Ordinal);
    }

    [Fact]
    public void EndpointView_ReadsIdStateLogHealthAndAddressesOfTheAgentsEndpoint()
    {
        var endpoint = new Endpoint(
            17,
            null,
            new EndpointStatus(
                EndpointState.NotReady,
                Networking: new EndpointNetworking(Addressing: [new AddressPair(Ipv4: "198.19.1.7", Ipv6: "fd00::7")], InterfaceName: "lxc0123456789a"),
                Log: [new EndpointStatusChange("Failure", "policy map full", EndpointState.NotReady, "2026-11-27T00:00:00Z")],
                Health: new EndpointHealth("Failure", "OK", EndpointHealthStatus.Failure, true)));
        var json = JsonSerializer.SerializeToUtf8Bytes(endpoint, CiliumJsonContext.Default.Endpoint);

        var view = JsonSerializer.Deserialize(json, AgentJsonContext.Default.EndpointView)!;

        Assert.Equal(17, view.Id);
        Assert.Equal(EndpointState.NotReady, view.Status!.State);
        Assert.Equal("policy map full", Assert.Single(view.Status.Log!).Message);
        Assert.Equal(EndpointHealthStatus.Failure, view.Status.Health!.OverallHealth);
        var pair = Assert.Single(view.Status.Networking!.Addressing!);
        Assert.Equal(("198.19.1.7", "fd00::7"), (pair.Ipv4, pair.Ipv6));
    }
}
