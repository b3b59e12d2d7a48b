using System.Net.Http.Json;
using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Json;
using Cilium.Contracts.Nodes;
using Cilium.Testing;

namespace Cilium.Endpoint.Tests;

/// <summary>
/// Replicas of the real <c>cilium-endpoint</c> executable, each its own process on its own 127.0.0.1 port, all
/// writing one bucket of one nats-server.
/// </summary>
public sealed class EndpointReplicas : ServiceReplicas
{
    private EndpointReplicas(string bucket)
        : base(bucket)
    {
    }

    public static async Task<EndpointReplicas> StartAsync(NatsServerFixture nats, int count, params string[] extraArgs)
    {
        var replicas = new EndpointReplicas($"eps-{RunId.New()}");
        await replicas.StartReplicasAsync("services/Cilium.Endpoint", "cilium-endpoint", "Endpoint", nats, count, extraArgs);
        return replicas;
    }

    public static async Task<CiliumEndpoint> ReadEndpointAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<CiliumEndpoint>(CiliumJson.Options))!;

    public static async Task<CiliumNode> ReadNodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<CiliumNode>(CiliumJson.Options))!;
}
