using Cilium.Contracts.Endpoints;
using MassTransit;

namespace Cilium.Endpoint.Endpoints;

/// <summary>Handles <see cref="DeleteEndpoint"/>: deleted, not found, or a revision mismatch that removed nothing.</summary>
public sealed class DeleteEndpointConsumer(EndpointRegistry registry) : IConsumer<DeleteEndpoint>
{
    public async Task Consume(ConsumeContext<DeleteEndpoint> context)
    {
        var m = context.Message;
        var outcome = await registry.DeleteAsync(m.Namespace, m.Name, m.Revision, context.CancellationToken);
        await (outcome switch
        {
            EndpointDeleted deleted => context.RespondAsync(deleted),
            EndpointNotFound notFound => context.RespondAsync(notFound),
            EndpointRevisionMismatch mismatch => context.RespondAsync(mismatch),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome.GetType().Name}"),
        });
    }
}
