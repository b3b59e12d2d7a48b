using Cilium.Testing;
using Xunit;

namespace Cilium.Endpoint.Tests;

/// <summary>One nats-server and one replica for the bad-input tables: none of their requests may store anything.</summary>
public sealed class BadInputFixture : IAsyncLifetime
{
    public NatsServerFixture Nats { get; } = new();
    public EndpointReplicas Replicas { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Nats.InitializeAsync();
        Replicas = await EndpointReplicas.StartAsync(Nats, 1);
    }

    public async Task DisposeAsync()
    {
        await Replicas.DisposeAsync();
        await Nats.DisposeAsync();
    }
}
