using Cilium.Contracts.Endpoints;
using Cilium.Contracts.Nodes;
using Cilium.Endpoint.Cache;
using Cilium.Endpoint.Endpoints;
using Cilium.Endpoint.Events;
using Cilium.Endpoint.Nodes;
using Cilium.Endpoint.Storage;
using Cilium.ServiceDefaults.Events;
using MassTransit;

namespace Cilium.Endpoint;

public static class EndpointServiceExtensions
{
    public static WebApplicationBuilder AddEndpointServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EndpointOptions>().BindConfiguration(EndpointOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RegistryStore>();
        builder.Services.AddSingleton<ClaimJudge>();
        builder.Services.AddSingleton<RegistryCache>();
        builder.Services.AddSingleton<EndpointRegistry>();
        builder.Services.AddSingleton<NodeRegistry>();
        builder.Services.AddSingleton<RegistryCacheWatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RegistryCacheWatcher>());
        builder.Services.AddHostedService<RegistryWarmup>();

        var bucket = builder.Configuration[$"{EndpointOptions.SectionName}:{nameof(EndpointOptions.Bucket)}"] ?? new EndpointOptions().Bucket;
        builder.Services.AddKvEventPublisher(RegistryEvents.Endpoints(bucket));
        builder.Services.AddKvEventPublisher(RegistryEvents.Nodes(bucket));

        builder.Services.AddMediator(m =>
        {
            m.AddConsumer<PutEndpointConsumer>();
            m.AddConsumer<DeleteEndpointConsumer>();
            m.AddConsumer<PutNodeConsumer>();
            m.AddConsumer<DeleteNodeConsumer>();
            m.AddRequestClient<PutEndpoint>();
            m.AddRequestClient<DeleteEndpoint>();
            m.AddRequestClient<PutNode>();
            m.AddRequestClient<DeleteNode>();
        });
        return builder;
    }
}
