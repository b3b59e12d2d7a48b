using Cilium.Contracts.Identities;
using Cilium.Core.Errors;
using Cilium.Core.Labels;
using MassTransit;

namespace Cilium.Identity.Allocation;

/// <summary>Handles <see cref="AllocateIdentity"/> from the REST API (and any other in-process caller).</summary>
public sealed class AllocateIdentityConsumer(IdentityAllocator allocator) : IConsumer<AllocateIdentity>
{
    public async Task Consume(ConsumeContext<AllocateIdentity> context)
    {
        var labels = LabelSet.Parse(context.Message.Labels);
        try
        {
            var (identity, created) = await allocator.AllocateAsync(labels, context.CancellationToken);
            await context.RespondAsync(new IdentityAllocated(identity, created));
        }
        catch (CapacityExhaustedException e)
        {
            await context.RespondAsync(new IdentityRangeExhausted(e.Message));
        }
    }
}
