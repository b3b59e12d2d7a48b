using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cilium.ServiceDefaults.Health;

/// <summary>
/// The last start-up step of a daemon: once its prerequisites are met (by default every other gate is open: buckets
/// open, caches loaded), it runs the daemon's paths once (<see cref="WarmAsync"/>), then opens its own gate, so the process reports ready only when
/// its first requests no longer pay for compiling code that ReadyToRun cannot precompile (docs/decisions/0006-0008).
/// A warm-up is an optimisation: when it fails, the gate opens anyway and only the first requests are slower.
/// </summary>
public abstract class StartupWarmup(Readiness readiness, ILogger logger) : BackgroundService
{
    /// <summary>The process's start-up gates, for a warm-up that waits on one of them part-way.</summary>
    protected Readiness Gates => readiness;

    /// <summary>The readiness gate this warm-up holds closed while it runs.</summary>
    protected abstract string Gate { get; }

    /// <summary>What is warmed, for the log: "Allocation path", "Registration paths".</summary>
    protected abstract string What { get; }

    protected abstract Task WarmAsync(CancellationToken cancellationToken);

    /// <summary>What must be ready before <see cref="WarmAsync"/> runs: by default, every other start-up gate.</summary>
    protected virtual Task WaitForPrerequisitesAsync(CancellationToken cancellationToken) =>
        readiness.WaitForOthersAsync(Gate, cancellationToken);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await WaitForPrerequisitesAsync(stoppingToken);
            await WarmAsync(stoppingToken);
            logger.LogInformation("{What} warmed up in {ElapsedMs:F0} ms", What, watch.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "{What} warm-up failed; the first requests will be slower", What);
        }
        finally
        {
            readiness.Open(Gate);
        }
    }
}
