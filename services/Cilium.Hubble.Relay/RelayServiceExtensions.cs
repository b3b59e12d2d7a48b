using Cilium.Hubble.Hosting;
using Cilium.Hubble.Relay.Apis;
using Cilium.Hubble.Relay.Flows;
using Cilium.Hubble.Relay.Health;
using Cilium.Hubble.Relay.Metrics;
using Cilium.Hubble.Relay.Peers;
using Cilium.ServiceDefaults.Nats;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cilium.Hubble.Relay;

public static class RelayServiceExtensions
{
    /// <summary>
    /// Kestrel gets two faces: gRPC (HTTP/2 cleartext, which the hubble CLI speaks) on <c>Relay:ListenAddress</c>,
    /// and HTTP/1.1 for REST, SSE, the UI, Swagger, health and metrics on <c>--urls</c> (default :4246). One port
    /// cannot carry both: without TLS there is no ALPN to choose the protocol per connection.
    /// </summary>
    public static WebApplicationBuilder AddRelayServices(this WebApplicationBuilder builder, string defaultHttpUrl)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RelayOptions>().BindConfiguration(RelayOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var relay = builder.Configuration.GetSection(RelayOptions.SectionName).Get<RelayOptions>() ?? new RelayOptions();
        var urls = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } u ? u : defaultHttpUrl;
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(ListenAddress.Parse(relay.ListenAddress), l => l.Protocols = HttpProtocols.Http2);
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var uri = new Uri(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal));
                k.Listen(ListenAddress.Parse($"{(uri.Host == "localhost" ? "127.0.0.1" : uri.Host)}:{uri.Port}"), l => l.Protocols = HttpProtocols.Http1);
            }
        });

        // The relay learns its nodes from Peer services and static peers; nothing of it lives in NATS. Without this, the
        // shared defaults would dial Nats:Url forever and keep /readyz closed on a machine without NATS.
        foreach (var nats in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(NatsStartup)).ToList())
        {
            builder.Services.Remove(nats);
        }
        builder.Services.PostConfigure<HealthCheckServiceOptions>(o =>
        {
            foreach (var ready in o.Registrations.Where(r => r.Tags.Contains("ready")).ToList())
            {
                o.Registrations.Remove(ready);
                o.Registrations.Add(new HealthCheckRegistration(ready.Name, sp => ActivatorUtilities.CreateInstance<RelayReadinessCheck>(sp), null, ready.Tags));
            }
        });

        builder.Services.AddSingleton<RelayMetrics>();
        builder.Services.AddSingleton<PeerPool>();
        builder.Services.AddSingleton<IPeerDiscovery, StaticPeerDiscovery>();
        builder.Services.AddSingleton<IPeerDiscovery, PeerServiceDiscovery>();
        builder.Services.AddHostedService<PeerDiscoveryRunner>();
        builder.Services.AddSingleton(sp => new FlowMerger(sp.GetRequiredService<IOptions<RelayOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<RelayObserver>();
        builder.Services.AddSingleton(_ =>
        {
            var health = new HealthServiceImpl();
            health.SetStatus("", HealthCheckResponse.Types.ServingStatus.Serving);
            health.SetStatus(Contracts.Observer.Observer.Descriptor.FullName, HealthCheckResponse.Types.ServingStatus.Serving);
            return health;
        });
        builder.Services.AddGrpc();
        return builder;
    }

    public static WebApplication MapRelay(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGrpcService<RelayObserverService>();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapFlowsApi();
        app.MapRelayMetrics();
        if (app.Services.GetRequiredService<IOptions<RelayOptions>>().Value.Ui)
        {
            app.MapUi();
        }
        return app;
    }
}
