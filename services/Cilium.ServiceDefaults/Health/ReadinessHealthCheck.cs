using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace Cilium.ServiceDefaults.Health;

/// <summary>Ready when NATS is connected and every readiness gate is open.</summary>
public sealed class ReadinessHealthCheck(INatsConnection nats, Readiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (nats.ConnectionState != NatsConnectionState.Open)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"NATS is {nats.ConnectionState}"));
        }
        var pending = readiness.Pending;
        return Task.FromResult(pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"waiting for: {string.Join(", ", pending)}"));
    }
}
