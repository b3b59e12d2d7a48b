using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace Cilium.ServiceDefaults.Nats;

public static class NatsServiceCollectionExtensions
{
    /// <summary>
    /// One NATS connection per process, with JetStream and key-value contexts over it. The connection
    /// reconnects by itself forever; the events stream is set up by <see cref="EventsStreamSetup"/>.
    /// </summary>
    public static IServiceCollection AddCiliumNats(this IServiceCollection services, string clientName)
    {
        services.AddOptions<NatsOptions>().BindConfiguration(NatsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<INatsConnection>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NatsOptions>>().Value;
            return new NatsConnection(NatsOpts.Default with
            {
                Url = options.Url,
                Name = clientName,
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
                MaxReconnectRetry = -1,
                // Publishing is the hot path of every service: let the client batch writes up to 1 MiB.
                WriterBufferSize = 1 << 20,
                SubPendingChannelCapacity = 65536,
            });
        });
        services.AddSingleton<INatsJSContext>(sp => new NatsJSContext((NatsConnection)sp.GetRequiredService<INatsConnection>()));
        services.AddSingleton<INatsKVContext>(sp => new NatsKVContext((NatsJSContext)sp.GetRequiredService<INatsJSContext>()));
        services.AddSingleton<EventsStreamSetup>();
        services.AddSingleton<KvRehearsal>();
        return services;
    }
}
