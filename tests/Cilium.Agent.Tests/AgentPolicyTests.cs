using Cilium.Contracts.Agent;
using Xunit;

namespace Cilium.Agent.Tests;

[Collection(AgentClusterCollection.Name)]
public sealed class AgentPolicyTests(AgentClusterFixture cluster)
{
    private static readonly TimeSpan Blocked = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Policy_PublishedOnce_ReachesMapsOnBothNodesAndEnforcesTraffic()
    {
        var run = cluster.RunId;
        var webA = cluster.CreatePod(cluster.Nodes[0]);
        var webB = cluster.CreatePod(cluster.Nodes[1]);
        var client = cluster.CreatePod(cluster.Nodes[0]);
        var webEpA = await cluster.Nodes[0].CreateEndpointAsync(webA, $"k8s:app=web-{run}");
        var webEpB = await cluster.Nodes[1].CreateEndpointAsync(webB, $"k8s:app=web-{run}");
        var clientEp = await cluster.Nodes[0].CreateEndpointAsync(client, $"k8s:app=client-{run}");
        using var open = PodSockets.Listen(webA, 8080);
        using var closed = PodSockets.Listen(webA, 9090);
        using var stop = new CancellationTokenSource();
        _ = PodSockets.ServeEchoAsync(open, stop.Token);
        _ = PodSockets.ServeEchoAsync(closed, stop.Token);
        using (var before = await PodSockets.TryConnectAsync(client, webA.Ip, 9090, TimeSpan.FromSeconds(5)))
        {
            Assert.NotNull(before); // no policy yet: everything flows
        }
        using var lingering = await PodSockets.TryConnectAsync(client, webA.Ip, 9090, TimeSpan.FromSeconds(5));
        Assert.NotNull(lingering);
        Assert.True(await PodSockets.EchoAsync(lingering!, "admitted", TimeSpan.FromSeconds(5)));

        await cluster.PublishPolicyAsync("CiliumNetworkPolicy", "agent-test", $"web-{run}", $$$"""
            {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"web-{{{run}}}","namespace":"agent-test"},
             "spec":{"endpointSelector":{"matchLabels":{"app":"web-{{{run}}}"}},
                     "ingress":[{"fromEndpoints":[{"matchLabels":{"app":"client-{{{run}}}"}}],"toPorts":[{"ports":[{"port":"8080","protocol":"TCP"}]}]}]}}
            """);

        var expected = $"Ingress {clientEp.Status!.Identity!.Id} 8080/TCP => Allow";
        var mapA = await Eventually.UntilAsync(() => MapReader.PolicyAsync(cluster.Nodes[0], webEpA.Id), m => m.Contains(expected) && !m.Contains("Ingress 0 ANY => Allow"));
        var mapB = await Eventually.UntilAsync(() => MapReader.PolicyAsync(cluster.Nodes[1], webEpB.Id), m => m.Contains(expected) && !m.Contains("Ingress 0 ANY => Allow"));
        Assert.Contains(expected, mapA);
        Assert.DoesNotContain("Ingress 0 ANY => Allow", mapA);
        Assert.Contains("Egress 0 ANY => Allow", mapA);
        Assert.Contains(expected, mapB);
        Assert.DoesNotContain("Ingress 0 ANY => Allow", mapB);

        using var allowed = await PodSockets.TryConnectAsync(client, webA.Ip, 8080, TimeSpan.FromSeconds(5));
        Assert.NotNull(allowed);
        Assert.True(await PodSockets.EchoAsync(allowed!, "hello", TimeSpan.FromSeconds(5)));
        using var denied = await PodSockets.TryConnectAsync(client, webA.Ip, 9090, Blocked);
        Assert.Null(denied);
        // A connection admitted before the policy is judged again on its next packet (the agent moved the endpoint's
        // policy revision on), not kept alive by its conntrack entry.
        Assert.False(await PodSockets.EchoAsync(lingering!, "judged again", Blocked));

        // The drop is visible in the monitor stream and as a Hubble flow naming both pods.
        var drops = await Eventually.UntilAsync(
            () => MonitorReader.ReadAsync(cluster.Nodes[0], "drop"),
            events => events.Any(e => e.DestinationIp == webA.Ip && e.DestinationPort == 9090));
        var drop = Assert.Single(drops.Where(e => e.DestinationIp == webA.Ip && e.DestinationPort == 9090).Take(1));
        Assert.Equal(133, drop.DropReason);
        Assert.Equal(clientEp.Status.Identity.Id, drop.SourceIdentity);
        var flows = await Eventually.UntilAsync(
            () => HubbleReader.DroppedFlowsAsync(cluster.Nodes[0]),
            fs => fs.Any(f => f.L4?.TCP?.DestinationPort == 9090 && f.IP?.Destination == webA.Ip));
        var flow = flows.First(f => f.L4?.TCP?.DestinationPort == 9090 && f.IP?.Destination == webA.Ip);
        Assert.Equal(webA.Netns, flow.Destination.PodName);
        Assert.Equal(client.Netns, flow.Source.PodName);
        Assert.Equal("agent-test", flow.Source.Namespace);

        // The same drops are counted in cilium_metrics and exported in Cilium's metric names, next to Hubble's.
        using (var http = new HttpClient())
        {
            var metrics = await Eventually.UntilAsync(
                () => http.GetStringAsync($"http://{cluster.Nodes[0].MetricsAddress}/metrics"),
                m => m.Contains("hubble_drop_total{reason=\"POLICY_DENIED\"", StringComparison.Ordinal));
            Assert.Matches("""cilium_drop_count_total\{direction="INGRESS",reason="Policy denied"\} [1-9]""", metrics);
            Assert.Matches("""cilium_forward_count_total\{direction="EGRESS"\} [1-9]""", metrics);
            Assert.Contains("hubble_flows_processed_total{", metrics, StringComparison.Ordinal);
        }

        // A new identity that the rule selects reaches every node's map without touching the policy.
        var client2 = cluster.CreatePod(cluster.Nodes[1]);
        var client2Ep = await cluster.Nodes[1].CreateEndpointAsync(client2, $"k8s:app=client-{run}", "k8s:variant=second");
        var second = $"Ingress {client2Ep.Status!.Identity!.Id} 8080/TCP => Allow";
        Assert.NotEqual(clientEp.Status.Identity.Id, client2Ep.Status.Identity.Id);
        Assert.Contains(second, await Eventually.UntilAsync(() => MapReader.PolicyAsync(cluster.Nodes[0], webEpA.Id), m => m.Contains(second)));
        Assert.Contains(second, await Eventually.UntilAsync(() => MapReader.PolicyAsync(cluster.Nodes[1], webEpB.Id), m => m.Contains(second)));

        // And the agent's policy endpoint and endpoint model report it.
        var policy = await cluster.Nodes[0].Client.GetAsync<PolicyResponse>(AgentPaths.Policy);
        Assert.Contains($"web-{run}", policy.Policy, StringComparison.Ordinal);
        var web = await cluster.Nodes[0].Client.GetAsync<Endpoint>(AgentPaths.Endpoint($"{webEpA.Id}"));
        Assert.Equal("ingress", web.Status!.Policy!.Realized!.PolicyEnabled);

        await cluster.DeletePolicyAsync("CiliumNetworkPolicy", "agent-test", $"web-{run}");
        var reopened = await Eventually.UntilAsync(() => MapReader.PolicyAsync(cluster.Nodes[0], webEpA.Id), m => m.Contains("Ingress 0 ANY => Allow"));
        Assert.Contains("Ingress 0 ANY => Allow", reopened);
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Policy_NeedingMoreEntriesThanTheMap_EndpointNotReadyAndReported()
    {
        var run = cluster.RunId;
        var node = cluster.Nodes[1]; // policy maps of 12 entries
        var pod = cluster.CreatePod(node);
        var endpoint = await node.CreateEndpointAsync(pod, $"k8s:app=big-{run}");
        Assert.Equal(EndpointState.Ready, endpoint.Status!.State);

        await cluster.PublishPolicyAsync("CiliumNetworkPolicy", "agent-test", $"big-{run}", $$$"""
            {"apiVersion":"cilium.io/v2","kind":"CiliumNetworkPolicy","metadata":{"name":"big-{{{run}}}","namespace":"agent-test"},
             "spec":{"endpointSelector":{"matchLabels":{"app":"big-{{{run}}}"}},
                     "ingress":[{"fromEntities":["all"],"toPorts":[{"ports":[{"port":"1001","endPort":1998,"protocol":"TCP"},{"port":"1001","endPort":1998,"protocol":"UDP"}]}]}]}}
            """);

        var failed = await Eventually.UntilAsync(() => node.Client.GetAsync<Endpoint>(AgentPaths.Endpoint($"{endpoint.Id}")), e => e.Status!.State == EndpointState.NotReady);
        Assert.Equal(EndpointState.NotReady, failed.Status!.State);
        Assert.Equal(EndpointHealthStatus.Failure, failed.Status.Health!.OverallHealth);
        Assert.Contains(failed.Status.Log!, l => l.Code == "Failure" && l.Message.Contains("overflow", StringComparison.Ordinal));
        var status = await node.Client.GetAsync<StatusResponse>(AgentPaths.Healthz);
        Assert.Equal(StatusState.Warning, status.Cilium!.State);
        // The map was not half-written: it still holds the previous, complete policy.
        Assert.Contains("Ingress 0 ANY => Allow", await MapReader.PolicyAsync(node, endpoint.Id));

        await cluster.DeletePolicyAsync("CiliumNetworkPolicy", "agent-test", $"big-{run}");
        var recovered = await Eventually.UntilAsync(() => node.Client.GetAsync<Endpoint>(AgentPaths.Endpoint($"{endpoint.Id}")), e => e.Status!.State == EndpointState.Ready);
        Assert.Equal(EndpointState.Ready, recovered.Status!.State);
    }
}
