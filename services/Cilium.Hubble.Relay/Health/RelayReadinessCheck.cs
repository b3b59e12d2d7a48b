using Cilium.ServiceDefaults.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cilium.Hubble.Relay.Health;

/// <summary>
/// <c>/readyz</c> of the relay: every readiness gate open, and no NATS condition (the shared check requires a NATS
/// connection, which the relay does not have). A relay that reaches no node is still ready: it says so in ServerStatus.
/// </summary>
public sealed class RelayReadinessCheck(Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = readiness.Pending;
        return Task.FromResult(pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"waiting for: {string.Join(", ", pending)}"));
    }
}
