using System.Globalization;
using Cilium.Contracts.Endpoints;
using Cilium.Core.Errors;
using Cilium.Endpoint.Cache;
using Cilium.Endpoint.Endpoints;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cilium.Endpoint.Apis;

/// <summary><c>/v1/endpoints</c>: the cluster-wide endpoint registry (the CiliumEndpoint role).</summary>
public static class EndpointApi
{
    public static RouteGroupBuilder MapEndpointApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/endpoints").WithTags("Endpoints");

        api.MapPut("/{namespace}/{name}", PutEndpoint)
            .WithName("PutEndpoint")
            .WithSummary("Create or replace an endpoint")
            .WithDescription("201 when created, 200 when replaced; the answer carries the stored revision. 409 when another endpoint holds one of its IPs.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListEndpoints)
            .WithName("ListEndpoints")
            .WithSummary("List endpoints; ?node=, ?namespace= and ?identity= keep those that match every filter given")
            .ProducesValidationProblem();
        api.MapGet("/{namespace}/{name}", GetEndpoint)
            .WithName("GetEndpoint")
            .WithSummary("Get one endpoint")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{namespace}/{name}", DeleteEndpoint)
            .WithName("DeleteEndpoint")
            .WithSummary("Delete an endpoint and release its IPs; ?revision=N or If-Match: \"N\" deletes only that revision")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Created<CiliumEndpoint>, Ok<CiliumEndpoint>, ProblemHttpResult>> PutEndpoint(
        [FromRoute(Name = "namespace")] string k8sNamespace,
        string name,
        PutEndpointRequest? request,
        IRequestClient<PutEndpoint> client,
        CancellationToken cancellationToken)
    {
        var endpoint = EndpointRequestValidator.Validate(k8sNamespace, name, request);
        var response = await client.GetResponse<EndpointStored, EndpointIpConflict>(new PutEndpoint(endpoint), cancellationToken);
        if (response.Is(out Response<EndpointIpConflict>? conflict))
        {
            var c = conflict.Message;
            return TypedResults.Problem(
                $"{c.Field}: IP {c.Ip} belongs to endpoint {c.Holder}",
                statusCode: StatusCodes.Status409Conflict,
                title: "IP already in use",
                extensions: new Dictionary<string, object?> { ["field"] = c.Field, ["ip"] = c.Ip, ["holder"] = c.Holder });
        }
        response.Is(out Response<EndpointStored>? ok);
        var stored = ok!.Message;
        return stored.Created
            ? TypedResults.Created($"/v1/endpoints/{k8sNamespace}/{name}", stored.Endpoint)
            : TypedResults.Ok(stored.Endpoint);
    }

    public static async Task<Ok<CiliumEndpoint[]>> ListEndpoints(
        string? node,
        [FromQuery(Name = "namespace")] string? k8sNamespace,
        string? identity,
        RegistryCache cache,
        RegistryCacheWatcher watcher,
        CancellationToken cancellationToken)
    {
        long? wantedIdentity = null;
        if (identity is not null)
        {
            wantedIdentity = long.TryParse(identity, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? id
                : throw new InvalidInputException("identity", $"'{identity}' is not a security identity (a positive integer)");
        }
        await watcher.CatchUpAsync(cancellationToken);
        var endpoints = cache.Endpoints
            .Where(e => node is null || e.Node == node)
            .Where(e => k8sNamespace is null || e.Namespace == k8sNamespace)
            .Where(e => wantedIdentity is null || e.Identity == wantedIdentity);
        return TypedResults.Ok(endpoints.ToArray());
    }

    public static async Task<Results<Ok<CiliumEndpoint>, ProblemHttpResult>> GetEndpoint(
        [FromRoute(Name = "namespace")] string k8sNamespace,
        string name,
        EndpointRegistry registry,
        CancellationToken cancellationToken)
    {
        EndpointRequestValidator.ValidateName(k8sNamespace, name);
        var endpoint = await registry.GetAsync(k8sNamespace, name, cancellationToken);
        return endpoint is not null
            ? TypedResults.Ok(endpoint)
            : NotFound(k8sNamespace, name);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteEndpoint(
        [FromRoute(Name = "namespace")] string k8sNamespace,
        string name,
        string? revision,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        IRequestClient<DeleteEndpoint> client,
        CancellationToken cancellationToken)
    {
        EndpointRequestValidator.ValidateName(k8sNamespace, name);
        var expected = Preconditions.ExpectedRevision(revision, ifMatch);
        var response = await client.GetResponse<EndpointDeleted, EndpointNotFound, EndpointRevisionMismatch>(new DeleteEndpoint(k8sNamespace, name, expected), cancellationToken);
        return response switch
        {
            (_, EndpointDeleted) => TypedResults.NoContent(),
            (_, EndpointRevisionMismatch m) => TypedResults.Problem(
                $"endpoint {k8sNamespace}/{name} is at revision {m.Current}, not {m.Expected}; nothing was deleted",
                statusCode: StatusCodes.Status409Conflict,
                title: "Revision mismatch",
                extensions: new Dictionary<string, object?> { ["revision"] = m.Current }),
            _ => NotFound(k8sNamespace, name),
        };
    }

    private static ProblemHttpResult NotFound(string k8sNamespace, string name) =>
        TypedResults.Problem($"endpoint {k8sNamespace}/{name} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
