using Cilium.Policy.Storage;
using MassTransit;

namespace Cilium.Policy.Commands;

/// <summary>Handles <see cref="ApplyPolicies"/> from the REST API: the commit protocol lives in <see cref="PolicyCommitter"/>.</summary>
public sealed class ApplyPoliciesConsumer(PolicyCommitter committer) : IConsumer<ApplyPolicies>
{
    public async Task Consume(ConsumeContext<ApplyPolicies> context)
    {
        var outcome = await committer.CommitAsync(context.Message.Changes, context.CancellationToken);
        await (outcome.Rejected is { } rejected
            ? context.RespondAsync(rejected)
            : context.RespondAsync(outcome.Applied!));
    }
}
