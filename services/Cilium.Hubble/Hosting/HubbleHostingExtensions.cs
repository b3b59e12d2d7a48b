using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Peer;
using Cilium.Hubble.Ingest;
using Cilium.Hubble.Metrics;
using Cilium.Hubble.Observer;
using Cilium.Hubble.Peers;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cilium.Hubble.Hosting;

/// <summary>How a host (the agent, <see cref="HubbleServer"/>) wires the observer in.</summary>
public static class HubbleHostingExtensions
{
    /// <summary>
    /// The observer, its ingest loop, the Peer registry and gRPC health. Register <see cref="IEndpointResolver"/>
    /// (and optionally <see cref="IPolicyCorrelator"/>) before or after; without one flows carry IPs and identities only.
    /// </summary>
    public static IServiceCollection AddHubbleObserver(this IServiceCollection services)
    {
        services.AddOptions<HubbleOptions>().BindConfiguration(HubbleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEndpointResolver, NullEndpointResolver>();
        services.TryAddSingleton<HubbleMetrics>();
        services.TryAddSingleton<PeerRegistry>();
        services.TryAddSingleton(sp => new FlowBuilder(
            sp.GetRequiredService<IEndpointResolver>(),
            sp.GetRequiredService<IOptions<HubbleOptions>>().Value.NodeName,
            sp.GetService<IPolicyCorrelator>()));
        services.TryAddSingleton(sp => new HubbleObserver(
            sp.GetRequiredService<IOptions<HubbleOptions>>().Value,
            sp.GetRequiredService<FlowBuilder>(),
            sp.GetRequiredService<HubbleMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<HubbleObserver>>()));
        services.AddHostedService<ObserverRunner>();
        services.TryAddSingleton(_ =>
        {
            var health = new HealthServiceImpl();
            foreach (var name in new[] { "", Contracts.Observer.Observer.Descriptor.FullName, Peer.Descriptor.FullName })
            {
                health.SetStatus(name, HealthCheckResponse.Types.ServingStatus.Serving);
            }
            return health;
        });
        services.AddGrpc();
        return services;
    }

    public static IEndpointRouteBuilder MapHubbleObserver(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<ObserverService>();
        app.MapGrpcService<PeerService>();
        app.MapGrpcService<HealthServiceImpl>();
        return app;
    }

    /// <summary>Prometheus text of <see cref="HubbleMetrics"/> and of every registered <see cref="IMetricsSource"/>.</summary>
    public static IEndpointConventionBuilder MapHubbleMetrics(this IEndpointRouteBuilder app, string path = "/metrics") =>
        app.MapGet(path, (HubbleMetrics metrics, IEnumerable<IMetricsSource> sources) =>
        {
            var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            metrics.WriteTo(text);
            foreach (var source in sources)
            {
                source.WriteTo(text);
            }
            return Results.Text(text.ToString(), "text/plain; version=0.0.4");
        });

    /// <summary>The observer's gRPC endpoints: TCP <see cref="HubbleOptions.ListenAddress"/> and the unix socket, HTTP/2 only (h2c).</summary>
    public static void ListenHubble(this KestrelServerOptions kestrel, HubbleOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ListenAddress.Length > 0)
        {
            kestrel.Listen(ListenAddress.Parse(options.ListenAddress), l => l.Protocols = HttpProtocols.Http2);
        }
        if (options.SocketPath.Length > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(options.SocketPath)!);
            // A socket file left by a crashed agent would make the bind fail.
            File.Delete(options.SocketPath);
            kestrel.ListenUnixSocket(options.SocketPath, l => l.Protocols = HttpProtocols.Http2);
        }
        if (options.MetricsListenAddress.Length > 0)
        {
            kestrel.Listen(ListenAddress.Parse(options.MetricsListenAddress), l => l.Protocols = HttpProtocols.Http1);
        }
    }
}
