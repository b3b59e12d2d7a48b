using Cilium.Contracts;
using Cilium.Contracts.Identities;
using Cilium.Core.Identities;
using Cilium.Core.Labels;
using Cilium.Identity.Allocation;
using Cilium.Identity.Events;
using Cilium.ServiceDefaults.Events;
using MassTransit;

namespace Cilium.Identity;

public static class IdentityServiceExtensions
{
    public static WebApplicationBuilder AddIdentityServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(new IdentityLabels(SecurityLabelFilter.Default));
        builder.Services.AddSingleton<IdentityStore>();
        builder.Services.AddSingleton<IdentityCache>();
        builder.Services.AddSingleton<ResolvedLabelsMemo>();
        builder.Services.AddSingleton<IdentityAllocator>();
        builder.Services.AddHostedService<IdentityCacheWatcher>();
        builder.Services.AddHostedService<AllocationWarmup>();
        builder.Services.AddKvEventPublisher(IdentityEvents.Source(builder.Configuration[$"{IdentityOptions.SectionName}:{nameof(IdentityOptions.Bucket)}"] ?? new IdentityOptions().Bucket));

        builder.Services.AddMediator(m =>
        {
            m.AddConsumer<AllocateIdentityConsumer>();
            m.AddConsumer<ReleaseIdentityConsumer>();
            m.AddRequestClient<AllocateIdentity>();
            m.AddRequestClient<ReleaseIdentity>();
        });
        return builder;
    }
}
