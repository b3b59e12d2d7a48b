using Cilium.Contracts.Nodes;
using MassTransit;

namespace Cilium.Endpoint.Nodes;

/// <summary>Handles <see cref="PutNode"/>: <see cref="NodeStored"/> or <see cref="NodePodCidrConflict"/>.</summary>
public sealed class PutNodeConsumer(NodeRegistry registry) : IConsumer<PutNode>
{
    public async Task Consume(ConsumeContext<PutNode> context)
    {
        var outcome = await registry.PutAsync(context.Message.Node, context.CancellationToken);
        await (outcome switch
        {
            NodeStored stored => context.RespondAsync(stored),
            NodePodCidrConflict conflict => context.RespondAsync(conflict),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome.GetType().Name}"),
        });
    }
}
