using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Cilium.ServiceDefaults.Nats;

/// <summary>
/// Start-up work that depends on NATS (buckets, streams, consumers) retries until it succeeds: a service
/// started before nats-server, or during its restart, becomes ready once NATS is back instead of exiting.
/// </summary>
public sealed class StartupRetry(ILogger<StartupRetry> logger)
{
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromSeconds(2),
            UseJitter = true,
            // Retry everything but our own shutdown: an HttpClient timeout is an OperationCanceledException too.
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
            OnRetry = args =>
            {
                logger.LogWarning("Start-up step failed (attempt {Attempt}), retrying in {Delay}: {Error}",
                    args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Exception?.Message);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public ValueTask RunAsync(Func<CancellationToken, ValueTask> step, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(step, cancellationToken);

    public ValueTask<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> step, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(step, cancellationToken);
}
