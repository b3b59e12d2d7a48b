using Cilium.ServiceDefaults.Health;
using Microsoft.Extensions.Hosting;
using NATS.Client.Core;

namespace Cilium.ServiceDefaults.Nats;

/// <summary>Connects to NATS and sets up the events stream in the background; opens the <c>nats</c> readiness gate.</summary>
public sealed class NatsStartup(INatsConnection nats, EventsStreamSetup stream, StartupRetry retry, Readiness readiness) : BackgroundService
{
    public const string Gate = "nats";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await retry.RunAsync(async ct =>
        {
            await nats.ConnectAsync();
            await stream.EnsureAsync(ct);
        }, stoppingToken);
        readiness.Open(Gate);
    }
}
