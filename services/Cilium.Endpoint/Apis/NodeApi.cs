using Cilium.Contracts.Nodes;
using Cilium.Endpoint.Cache;
using Cilium.Endpoint.Nodes;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cilium.Endpoint.Apis;

/// <summary><c>/v1/nodes</c>: the nodes of the cluster and their pod CIDRs (the CiliumNode role).</summary>
public static class NodeApi
{
    public static RouteGroupBuilder MapNodeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/nodes").WithTags("Nodes");

        api.MapPut("/{name}", PutNode)
            .WithName("PutNode")
            .WithSummary("Create or replace a node")
            .WithDescription("201 when created, 200 when replaced; 409 when a pod CIDR overlaps one of another node.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/", ListNodes)
            .WithName("ListNodes")
            .WithSummary("List nodes");
        api.MapGet("/{name}", GetNode)
            .WithName("GetNode")
            .WithSummary("Get one node")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/{name}", DeleteNode)
            .WithName("DeleteNode")
            .WithSummary("Delete a node and release its pod CIDRs; ?revision=N or If-Match: \"N\" deletes only that revision")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Created<CiliumNode>, Ok<CiliumNode>, ProblemHttpResult>> PutNode(
        string name,
        PutNodeRequest? request,
        IRequestClient<PutNode> client,
        CancellationToken cancellationToken)
    {
        var node = NodeRequestValidator.Validate(name, request);
        var response = await client.GetResponse<NodeStored, NodePodCidrConflict>(new PutNode(node), cancellationToken);
        if (response.Is(out Response<NodePodCidrConflict>? conflict))
        {
            var c = conflict.Message;
            return TypedResults.Problem(
                $"{c.Field}: pod CIDR {c.PodCidr} overlaps {c.OtherPodCidr} of node {c.OtherNode}",
                statusCode: StatusCodes.Status409Conflict,
                title: "Pod CIDR overlap",
                extensions: new Dictionary<string, object?> { ["field"] = c.Field, ["node"] = c.OtherNode, ["podCIDR"] = c.OtherPodCidr });
        }
        response.Is(out Response<NodeStored>? ok);
        var stored = ok!.Message;
        return stored.Created
            ? TypedResults.Created($"/v1/nodes/{name}", stored.Node)
            : TypedResults.Ok(stored.Node);
    }

    public static async Task<Ok<CiliumNode[]>> ListNodes(RegistryCache cache, RegistryCacheWatcher watcher, CancellationToken cancellationToken)
    {
        await watcher.CatchUpAsync(cancellationToken);
        return TypedResults.Ok(cache.Nodes.ToArray());
    }

    public static async Task<Results<Ok<CiliumNode>, ProblemHttpResult>> GetNode(string name, NodeRegistry registry, CancellationToken cancellationToken)
    {
        NodeRequestValidator.ValidateName(name);
        var node = await registry.GetAsync(name, cancellationToken);
        return node is not null ? TypedResults.Ok(node) : NotFound(name);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNode(
        string name,
        string? revision,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        IRequestClient<DeleteNode> client,
        CancellationToken cancellationToken)
    {
        NodeRequestValidator.ValidateName(name);
        var expected = Preconditions.ExpectedRevision(revision, ifMatch);
        var response = await client.GetResponse<NodeDeleted, NodeNotFound, NodeRevisionMismatch>(new DeleteNode(name, expected), cancellationToken);
        return response switch
        {
            (_, NodeDeleted) => TypedResults.NoContent(),
            (_, NodeRevisionMismatch m) => TypedResults.Problem(
                $"node {name} is at revision {m.Current}, not {m.Expected}; nothing was deleted",
                statusCode: StatusCodes.Status409Conflict,
                title: "Revision mismatch",
                extensions: new Dictionary<string, object?> { ["revision"] = m.Current }),
            _ => NotFound(name),
        };
    }

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem($"node {name} does not exist", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
