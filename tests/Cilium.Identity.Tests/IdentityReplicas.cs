using System.Net.Http.Json;
using Cilium.Contracts.Json;
using Cilium.Testing;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Identity.Tests;

/// <summary>
/// Replicas of the real <c>cilium-identity</c> executable, each its own process on its own 127.0.0.1 port,
/// all writing one bucket of one nats-server.
/// </summary>
public sealed class IdentityReplicas : ServiceReplicas
{
    private IdentityReplicas(string bucket)
        : base(bucket)
    {
    }

    public static async Task<IdentityReplicas> StartAsync(NatsServerFixture nats, int count, params string[] extraArgs)
    {
        var replicas = new IdentityReplicas($"ids-{RunId.New()}");
        await replicas.StartReplicasAsync("services/Cilium.Identity", "cilium-identity", "Identity", nats, count, extraArgs);
        return replicas;
    }

    public static async Task<IdentityModel> ReadIdentityAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<IdentityModel>(CiliumJson.Options))!;
}
