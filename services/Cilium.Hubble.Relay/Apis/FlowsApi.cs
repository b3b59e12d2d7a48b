using System.Text;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Relay.Flows;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Cilium.Hubble.Relay.Apis;

/// <summary>
/// The relay's REST face for REST-first users: <c>GET /v1/flows</c> (a JSON array, or server-sent events with
/// <c>?follow=true</c>), <c>/v1/status</c>, <c>/v1/nodes</c>, <c>/v1/namespaces</c>. Bodies are the proto3 JSON of the
/// Observer messages with their .proto field names, exactly what <c>hubble observe -o json</c> prints.
/// </summary>
public static class FlowsApi
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));

    public static RouteGroupBuilder MapFlowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Hubble");
        api.MapGet("/flows", GetFlows).WithName("GetFlows")
            .WithSummary("Flows of every node, oldest first; ?follow=true streams them as server-sent events")
            .WithDescription("Query parameters are hubble observe's flags: last, first, all, follow, since, until, namespace, pod, from-pod, to-pod, ip, from-ip, to-ip, label, from-label, to-label, identity, port, to-port, protocol, verdict, drop-reason-desc, type, traffic-direction, node-name ... ; not-<flag> negates.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: ["text/event-stream"]);
        api.MapGet("/status", GetStatus).WithName("GetRelayStatus").WithSummary("ServerStatus of the relay: flows and connected / unavailable nodes")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/nodes", GetNodes).WithName("GetNodes").WithSummary("The nodes the relay knows and their state")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        api.MapGet("/namespaces", GetNamespaces).WithName("GetNamespaces").WithSummary("Namespaces seen in recent flows")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return api;
    }

    public static Results<PushStreamHttpResult, ValidationProblem> GetFlows(HttpContext http, RelayObserver relay, TimeProvider time)
    {
        var (request, errors) = FlowQueryBinding.Bind(http.Request.Query, time.GetUtcNow());
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var ct = http.RequestAborted;
        if (request.Follow)
        {
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            return TypedResults.Stream(stream => StreamEventsAsync(stream, relay, request, ct), "text/event-stream");
        }
        return TypedResults.Stream(stream => WriteArrayAsync(stream, relay, request, ct), "application/json");
    }

    public static async Task<ContentHttpResult> GetStatus(RelayObserver relay, CancellationToken cancellationToken) =>
        JsonOf(await relay.StatusAsync(cancellationToken));

    public static async Task<ContentHttpResult> GetNodes(RelayObserver relay, CancellationToken cancellationToken) =>
        JsonOf(await relay.NodesAsync(cancellationToken));

    public static async Task<ContentHttpResult> GetNamespaces(RelayObserver relay, CancellationToken cancellationToken) =>
        JsonOf(await relay.NamespacesAsync(cancellationToken));

    private static ContentHttpResult JsonOf(IMessage message) => TypedResults.Text(Json.Format(message), "application/json", Encoding.UTF8);

    private static async Task WriteArrayAsync(Stream stream, RelayObserver relay, GetFlowsRequest request, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await writer.WriteAsync('[');
        var first = true;
        await foreach (var response in relay.GetFlowsAsync(request, ct))
        {
            if (!first)
            {
                await writer.WriteAsync(",\n");
            }
            first = false;
            await writer.WriteAsync(Json.Format(response));
        }
        await writer.WriteAsync("]\n");
    }

    private static async Task StreamEventsAsync(Stream stream, RelayObserver relay, GetFlowsRequest request, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        // A comment first, so clients know the stream is open before the first flow arrives.
        await writer.WriteAsync(": connected\n\n");
        await writer.FlushAsync(ct);
        try
        {
            await foreach (var response in relay.GetFlowsAsync(request, ct))
            {
                await writer.WriteAsync("data: ");
                await writer.WriteAsync(Json.Format(response));
                await writer.WriteAsync("\n\n");
                await writer.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
