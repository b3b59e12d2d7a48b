using Cilium.Contracts.Endpoints;
using MassTransit;

namespace Cilium.Endpoint.Endpoints;

/// <summary>Handles <see cref="PutEndpoint"/>: <see cref="EndpointStored"/> or <see cref="EndpointIpConflict"/>.</summary>
public sealed class PutEndpointConsumer(EndpointRegistry registry) : IConsumer<PutEndpoint>
{
    public async Task Consume(ConsumeContext<PutEndpoint> context)
    {
        var outcome = await registry.PutAsync(context.Message.Endpoint, context.CancellationToken);
        await (outcome switch
        {
            EndpointStored stored => context.RespondAsync(stored),
            EndpointIpConflict conflict => context.RespondAsync(conflict),
            _ => throw new InvalidOperationException($"unexpected outcome {outcome.GetType().Name}"),
        });
    }
}
