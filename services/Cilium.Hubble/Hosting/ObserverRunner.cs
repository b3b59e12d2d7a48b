using Cilium.Hubble.Observer;
using Microsoft.Extensions.Hosting;

namespace Cilium.Hubble.Hosting;

/// <summary>Runs the observer's ingest loop for the lifetime of the host.</summary>
public sealed class ObserverRunner(HubbleObserver observer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => observer.RunAsync(stoppingToken);
}
