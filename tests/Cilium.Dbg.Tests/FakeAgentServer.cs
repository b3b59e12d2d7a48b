using System.Collections.Concurrent;
using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Endpoint = Cilium.Contracts.Agent.Endpoint;

namespace Cilium.Dbg.Tests;

/// <summary>
/// TEST DOUBLE of the node agent's REST API: Kestrel on a unix socket in /tmp (unique per run), answering the paths
/// cilium-dbg calls with <see cref="FakeAgentData"/>. It records every request target so tests can check what
/// cilium-dbg asked for. The real agent (services/Cilium.Agent) replaces it once it serves these paths.
/// </summary>
public sealed class FakeAgentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeAgentServer(string socketPath, bool holdMonitorOpen)
    {
        SocketPath = socketPath;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(socketPath));
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            _requests.Enqueue(context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path);
            await next(context);
        });
        Map(holdMonitorOpen);
    }

    public string SocketPath { get; }

    /// <summary>Request targets as sent (path and query, still escaped).</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <param name="holdMonitorOpen">Keep <c>/v1/monitor</c> open after the canned events, like a following agent.</param>
    public static async Task<FakeAgentServer> StartAsync(bool holdMonitorOpen = false)
    {
        var server = new FakeAgentServer($"/tmp/cilium-dbg-test-{RunId.New()}.sock", holdMonitorOpen);
        await server._app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }

    private void Map(bool holdMonitorOpen)
    {
        _app.MapGet("/v1/healthz", () => Json(FakeAgentData.Status));
        _app.MapGet("/v1/config", () => Json(FakeAgentData.Config));
        _app.MapGet("/v1/cluster/nodes", () => Json(FakeAgentData.Nodes));
        _app.MapGet("/v1/endpoint", () => Json(FakeAgentData.Endpoints));
        _app.MapGet("/v1/endpoint/{id}", (string id) => WithEndpoint(id, e => Json(e)));
        _app.MapGet("/v1/endpoint/{id}/healthz", (string id) => WithEndpoint(id, e => Json(e.Status!.Health!)));
        _app.MapGet("/v1/endpoint/{id}/log", (string id) => WithEndpoint(id, e => Json(e.Status!.Log!)));
        _app.MapGet("/v1/identity", () => Json(FakeAgentData.Identities));
        _app.MapGet("/v1/identity/endpoints", () => Json(new[] { new IdentityEndpoints(FakeAgentData.Web, 1), new IdentityEndpoints(new(5, ["reserved:init"], "i"), 1) }));
        _app.MapGet("/v1/identity/{id}", (string id) => FakeAgentData.Identities.FirstOrDefault(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id) is { } found
            ? Json(found)
            : Results.Problem($"identity {id} not found", statusCode: 404, title: "Not Found"));
        _app.MapGet("/v1/policy", () => Json(FakeAgentData.Policy));
        _app.MapGet("/v1/policy/selectors", () => Json(FakeAgentData.Selectors));
        _app.MapGet("/v1/ip", () => Json(FakeAgentData.IpList));
        _app.MapGet("/v1/map", () => Json(new BPFMapList([.. FakeAgentData.Maps.Values])));
        _app.MapGet("/v1/map/{name}", (string name) => name switch
        {
            "cilium_broken" => Results.Problem("map read failed", statusCode: 500, title: "Internal Server Error"),
            "cilium_invalid" => Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["map name is reserved"] }),
            _ when FakeAgentData.Maps.TryGetValue(name, out var map) => Json(map),
            _ => Results.Problem($"map {name} not found", statusCode: 404, title: "Not Found"),
        });
        _app.MapGet("/v1/monitor", async (HttpContext context, CancellationToken ct) =>
        {
            context.Response.ContentType = "application/x-ndjson";
            try
            {
                foreach (var e in FakeAgentData.MonitorEvents)
                {
                    await context.Response.WriteAsync(JsonSerializer.Serialize(e, CiliumJsonContext.Default.MonitorEvent) + "\n", ct);
                    await context.Response.Body.FlushAsync(ct);
                }
                if (holdMonitorOpen)
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
            }
            catch (OperationCanceledException)
            {
                // The client went away (Ctrl-C): nothing more to send.
            }
        });
    }

    private static IResult WithEndpoint(string id, Func<Endpoint, IResult> answer)
    {
        // Ids like cep-name:default/web-1 arrive with the slash escaped, as Cilium's own client sends them.
        var text = Uri.UnescapeDataString(id);
        if (!EndpointIdSpec.TryParse(text, out var spec, out var error))
        {
            return Results.Problem(error, statusCode: 400, title: "Bad Request");
        }
        var found = FakeAgentData.Endpoints.FirstOrDefault(e =>
            spec.LocalId == e.Id
            || (spec.Kind == EndpointIdKind.CepName && e.Status?.ExternalIdentifiers is { } x && x.K8sNamespace == spec.Namespace && x.K8sPodName == spec.Name));
        return found is null
            ? Results.Problem($"endpoint {spec} not found", statusCode: 404, title: "Not Found")
            : answer(found);
    }

    private static IResult Json<T>(T value) => Results.Text(JsonSerializer.Serialize(value, CiliumJson.Options), "application/json");
}
