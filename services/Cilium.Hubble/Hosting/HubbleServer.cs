using Cilium.Hubble.Ingest;
using Cilium.Hubble.Metrics;
using Cilium.Hubble.Observer;
using Cilium.Hubble.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cilium.Hubble.Hosting;

/// <summary>
/// A self-contained Hubble observer server on its own Kestrel (TCP + unix socket + optional metrics), so the agent
/// hosts Hubble apart from its REST socket: <c>await HubbleServer.StartAsync(options, resolver)</c>, then feed
/// <see cref="Observer"/> and keep <see cref="Peers"/> up to date.
/// </summary>
public sealed class HubbleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HubbleServer(WebApplication app)
    {
        _app = app;
        Observer = app.Services.GetRequiredService<HubbleObserver>();
        Peers = app.Services.GetRequiredService<PeerRegistry>();
        Metrics = app.Services.GetRequiredService<HubbleMetrics>();
    }

    public HubbleObserver Observer { get; }
    public PeerRegistry Peers { get; }
    public HubbleMetrics Metrics { get; }

    public static async Task<HubbleServer> StartAsync(
        HubbleOptions options,
        IEndpointResolver? resolver = null,
        IPolicyCorrelator? policies = null,
        Action<ILoggingBuilder>? logging = null,
        IReadOnlyList<IMetricsSource>? metrics = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.ListenHubble(options));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddSingleton(resolver ?? new NullEndpointResolver());
        if (policies is not null)
        {
            builder.Services.AddSingleton(policies);
        }
        foreach (var source in metrics ?? [])
        {
            builder.Services.AddSingleton(source);
        }
        builder.Services.AddHubbleObserver();
        var app = builder.Build();
        app.MapHubbleObserver();
        app.MapHubbleMetrics();
        await app.StartAsync(cancellationToken);
        if (options.AdvertiseAddress.Length > 0)
        {
            app.Services.GetRequiredService<PeerRegistry>().Upsert(new HubblePeer(options.NodeName, options.AdvertiseAddress));
        }
        return new HubbleServer(app);
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
