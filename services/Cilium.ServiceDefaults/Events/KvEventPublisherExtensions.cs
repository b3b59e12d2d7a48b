using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using Cilium.ServiceDefaults.Nats;

namespace Cilium.ServiceDefaults.Events;

public static class KvEventPublisherExtensions
{
    /// <summary>Runs a <see cref="KvEventPublisher"/> for <paramref name="source"/> for the life of the host.</summary>
    /// <remarks>
    /// Registered as a plain <see cref="IHostedService"/> singleton: <c>AddHostedService</c> de-duplicates by
    /// implementation type, which would silently drop the second source of a service that has two.
    /// </remarks>
    public static IServiceCollection AddKvEventPublisher(this IServiceCollection services, KvEventSource source) =>
        services.AddSingleton<IHostedService>(sp => new KvEventPublisher(
            source,
            sp.GetRequiredService<INatsJSContext>(),
            sp.GetRequiredService<StartupRetry>(),
            sp.GetRequiredService<ILogger<KvEventPublisher>>()));
}
