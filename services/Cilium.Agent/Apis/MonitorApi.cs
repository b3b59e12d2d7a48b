using System.Text.Json;
using Cilium.Agent.Monitor;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Core.Errors;

namespace Cilium.Agent.Apis;

/// <summary>
/// <c>GET /v1/monitor</c>: drop, trace and policy-verdict notifications as JSON lines (<c>cilium-dbg monitor</c>).
/// Cilium serves these on a binary monitor socket; a JSON-lines stream on the API socket keeps one transport.
/// </summary>
public static class MonitorApi
{
    private static readonly string[] Types = ["drop", "trace", "policy-verdict"];

    public static RouteHandlerBuilder MapMonitorApi(this IEndpointRouteBuilder app) =>
        app.MapGet(AgentPaths.Monitor, GetMonitor).WithTags("daemon").WithName("GetMonitor")
            .WithSummary("Stream datapath notifications as JSON lines; ?follow=true keeps the stream open").ProducesValidationProblem();

    public static async Task GetMonitor(HttpContext context, bool? follow, string[]? type, long? relatedTo, MonitorBroadcaster monitor, CancellationToken cancellationToken)
    {
        var relatedToValue = relatedTo ?? (long.TryParse(context.Request.Query[AgentPaths.MonitorRelatedToQuery], out var r) ? r : null);
        foreach (var t in type ?? [])
        {
            if (!Types.Contains(t, StringComparer.Ordinal))
            {
                throw new InvalidInputException("type", $"'{t}' is not one of {string.Join(", ", Types)}");
            }
        }
        bool Wanted(MonitorEvent e) => (type is not { Length: > 0 } || type.Contains(e.Type, StringComparer.Ordinal)) && (relatedToValue is null || e.EndpointId == relatedToValue);

        context.Response.ContentType = "application/x-ndjson";
        var reader = follow == true ? monitor.Subscribe(cancellationToken) : null;
        foreach (var e in monitor.Snapshot().Where(Wanted))
        {
            await WriteAsync(context, e, cancellationToken);
        }
        if (reader is null)
        {
            return;
        }
        await context.Response.Body.FlushAsync(cancellationToken);
        try
        {
            await foreach (var e in reader.ReadAllAsync(cancellationToken))
            {
                if (Wanted(e))
                {
                    await WriteAsync(context, e, cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task WriteAsync(HttpContext context, MonitorEvent e, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(e, CiliumJson.Options), cancellationToken);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }
}
