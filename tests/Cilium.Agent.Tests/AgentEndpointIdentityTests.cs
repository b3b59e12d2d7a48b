using System.Net.Http.Json;
using Cilium.Contracts.Agent;
using Xunit;

namespace Cilium.Agent.Tests;

/// <summary>How an endpoint gets its identity: from the identity service, or from another endpoint of the node that holds one for the same labels.</summary>
[Collection(AgentClusterCollection.Name)]
public sealed class AgentEndpointIdentityTests(AgentClusterFixture cluster)
{
    [Fact]
    public async Task CreateEndpoint_WhileTheIdentityServiceIsDown_TakesTheIdentityTheNodeHoldsOrWaitsForTheService()
    {
        var node = cluster.Nodes[0];
        var held = $"k8s:app=held-{cluster.RunId}";
        var first = await node.CreateEndpointAsync(cluster.CreatePod(node), held);
        var heldIdentity = first.Status!.Identity!.Id;
        // The second endpoint may look only at identities the agent has seen committed (their event), not merely answered.
        await Eventually.UntilAsync(() => node.Client.GetAsync($"{AgentPaths.Identities}/{heldIdentity}"), r => r.IsSuccessStatusCode);

        await cluster.IdentityService.KillAsync();
        Endpoint second, waiting;
        try
        {
            second = await node.CreateEndpointAsync(cluster.CreatePod(node), held);
            waiting = await node.CreateEndpointAsync(cluster.CreatePod(node), syncBuild: false, $"k8s:app=unheld-{cluster.RunId}");
            await Task.Delay(TimeSpan.FromSeconds(1));
            waiting = (await node.Client.GetFromJsonAsync<Endpoint>($"/v1/endpoint/{waiting.Id}", Cilium.Contracts.Json.CiliumJson.Options))!;
        }
        finally
        {
            cluster.IdentityService.Start();
            await cluster.IdentityService.WaitReadyAsync(cluster.IdentityUrl + "/readyz");
        }

        Assert.Equal(EndpointState.Ready, second.Status!.State);
        Assert.Equal(heldIdentity, second.Status.Identity!.Id);
        Assert.Equal(EndpointState.WaitingForIdentity, waiting.Status!.State);
        // The agent keeps retrying with back-off: the service's return lets the waiting endpoint finish.
        var resumed = await Eventually.UntilAsync(
            async () => (await node.Client.GetFromJsonAsync<Endpoint>($"/v1/endpoint/{waiting.Id}", Cilium.Contracts.Json.CiliumJson.Options))!,
            e => e.Status!.State == EndpointState.Ready);
        Assert.Equal(EndpointState.Ready, resumed.Status!.State);
        Assert.Contains($"k8s:app=unheld-{cluster.RunId}", resumed.Status.Identity!.Labels);
    }

    [Fact]
    public async Task CreateEndpoint_AfterTheIdentityItsLabelsHeldWasReleased_GetsTheNewOneFromTheService()
    {
        var node = cluster.Nodes[0];
        var labels = $"k8s:app=released-{cluster.RunId}";
        var first = await node.CreateEndpointAsync(cluster.CreatePod(node), labels);
        var old = first.Status!.Identity!.Id;
        await Eventually.UntilAsync(() => node.Client.GetAsync($"{AgentPaths.Identities}/{old}"), r => r.IsSuccessStatusCode);

        using var identities = new HttpClient { BaseAddress = new Uri(cluster.IdentityUrl) };
        using var released = await identities.DeleteAsync($"/v1/identities/{old}");
        Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync());
        var gone = await Eventually.UntilAsync(() => node.Client.GetAsync($"{AgentPaths.Identities}/{old}"), r => r.StatusCode == System.Net.HttpStatusCode.NotFound);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);

        var second = await node.CreateEndpointAsync(cluster.CreatePod(node), labels);

        // Reusing the released number would leave the endpoint with an identity the service no longer has. (The service
        // may pick the same number again, at random; then it is committed anew and this still holds.)
        Assert.Equal(EndpointState.Ready, second.Status!.State);
        var current = await identities.GetFromJsonAsync<Cilium.Contracts.Identities.Identity>($"/v1/identities/{second.Status.Identity!.Id}");
        Assert.Contains(labels, current!.Labels);
    }
}
