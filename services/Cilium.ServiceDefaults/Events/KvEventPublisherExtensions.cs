using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NATS.Client.JetStream;
using Cilium.ServiceDefaults.Nats;

namespace Cilium.ServiceDefaults.Events;

public static class KvEventPublisherExtensions
{
    /// <summary>Runs a <see cref="KvEventPublisher"/> for <paramref name="source"/> for the life of the host.</summary>
    public static IServiceCollection AddKvEventPublisher(this IServiceCollection services, KvEventSource source) =>
        services.AddHostedService(sp => new KvEventPublisher(
            source,
            sp.GetRequiredService<INatsJSContext>(),
            sp.GetRequiredService<StartupRetry>(),
            sp.GetRequiredService<ILogger<KvEventPublisher>>()));
}
