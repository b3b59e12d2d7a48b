using Cilium.Contracts.Nodes;
using MassTransit;

namespace Cilium.Endpoint.Nodes;

/// <summary>Handles <see cref="DeleteNode"/>: deleted, not found, or a revision mismatch that removed nothing.</summary>
public sealed class DeleteNodeConsumer(NodeRegistry registry) : IConsumer<DeleteNode>
{
    public async Task Consume(ConsumeContext<DeleteNode> context)
    {
        var outcome = await registry.DeleteAsync(context.Message.Name, context.Message.Revision, context.CancellationToken);
        await (outcome switch
        {
            NodeDeleted deleted => context.RespondAsync(deleted),
            NodeNotFound notFound => context.RespondAsync(notFound),
            NodeRevisionMismatch mismatch => context.RespondAsync(mismatch),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome.GetType().Name}"),
        });
    }
}
