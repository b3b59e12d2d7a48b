using Cilium.Policy.Commands;
using Cilium.Policy.Events;
using Cilium.Policy.Resolution;
using Cilium.Policy.Storage;
using Cilium.ServiceDefaults.Events;
using MassTransit;

namespace Cilium.Policy;

public static class PolicyServiceExtensions
{
    public static WebApplicationBuilder AddPolicyServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PolicyOptions>().BindConfiguration(PolicyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, PolicyJsonContext.Default));
        builder.Services.AddSingleton<PolicyStore>();
        builder.Services.AddSingleton<PolicyCommitter>();
        builder.Services.AddSingleton<PolicyCache>();
        builder.Services.AddSingleton<PolicyResolver>();
        builder.Services.AddSingleton<EndpointDirectory>();
        builder.Services.AddHostedService<PolicyCacheWatcher>();
        builder.Services.AddHostedService<IdentityEventsWatcher>();
        builder.Services.AddHostedService<EndpointEventsWatcher>();
        builder.Services.AddHostedService<PolicyWarmup>();
        builder.Services.AddKvEventPublisher(PolicyEvents.Source(builder.Configuration[$"{PolicyOptions.SectionName}:{nameof(PolicyOptions.Bucket)}"] ?? new PolicyOptions().Bucket));

        builder.Services.AddMediator(m =>
        {
            m.AddConsumer<ApplyPoliciesConsumer>();
            m.AddRequestClient<ApplyPolicies>();
        });
        return builder;
    }
}
