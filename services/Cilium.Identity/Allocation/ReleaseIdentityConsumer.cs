using Cilium.Contracts.Identities;
using Cilium.Core.Labels;
using MassTransit;

namespace Cilium.Identity.Allocation;

/// <summary>Handles <see cref="ReleaseIdentity"/>: reserved identities stay, unknown ones are reported.</summary>
public sealed class ReleaseIdentityConsumer(IdentityAllocator allocator) : IConsumer<ReleaseIdentity>
{
    public async Task Consume(ConsumeContext<ReleaseIdentity> context)
    {
        var id = context.Message.Id;
        if (ReservedIdentities.IsReserved(id))
        {
            await context.RespondAsync(new IdentityIsReserved(id));
            return;
        }
        var released = await allocator.ReleaseAsync(id, context.CancellationToken);
        await (released
            ? context.RespondAsync(new IdentityReleased(id))
            : context.RespondAsync(new IdentityNotFound(id)));
    }
}
