using Cilium.Agent.Endpoints;
using Cilium.Contracts.Agent;
using Cilium.Core.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

using Endpoint = Cilium.Contracts.Agent.Endpoint;

namespace Cilium.Agent.Apis;

/// <summary>Cilium's <c>/v1/endpoint</c> paths (<c>api/v1/openapi.yaml</c>): the CNI plugin creates and deletes here, cilium-dbg reads.</summary>
public static class EndpointApi
{
    public static RouteGroupBuilder MapEndpointApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/endpoint").WithTags("endpoint");
        api.MapGet("/", GetEndpoint).WithName("GetEndpoint").WithSummary("Retrieves a list of endpoints that have metadata matching the provided parameters");
        api.MapDelete("/", DeleteEndpoint).WithName("DeleteEndpoint").WithSummary("Deletes the endpoints of a container (CNI DEL)").ProducesValidationProblem();
        api.MapGet("/{id}", GetEndpointId).WithName("GetEndpointID").ProducesProblem(404).ProducesValidationProblem();
        api.MapPut("/{id}", PutEndpointId).WithName("PutEndpointID").WithSummary("Create endpoint").ProducesProblem(409).ProducesValidationProblem();
        api.MapPatch("/{id}", PatchEndpointId).WithName("PatchEndpointID").ProducesProblem(404);
        api.MapDelete("/{id}", DeleteEndpointId).WithName("DeleteEndpointID").ProducesProblem(404);
        api.MapGet("/{id}/config", GetEndpointIdConfig).WithName("GetEndpointIDConfig").ProducesProblem(404);
        api.MapGet("/{id}/labels", GetEndpointIdLabels).WithName("GetEndpointIDLabels").ProducesProblem(404);
        api.MapGet("/{id}/log", GetEndpointIdLog).WithName("GetEndpointIDLog").ProducesProblem(404);
        api.MapGet("/{id}/healthz", GetEndpointIdHealthz).WithName("GetEndpointIDHealthz").ProducesProblem(404);
        return api;
    }

    public static Results<Ok<Endpoint[]>, ProblemHttpResult> GetEndpoint(EndpointManager endpoints, AgentStatus status) =>
        TypedResults.Ok(endpoints.All.Select(e => EndpointModels.ToModel(e, status.HostAddressing)).ToArray());

    public static async Task<Results<Ok, ProblemHttpResult>> DeleteEndpoint([Microsoft.AspNetCore.Mvc.FromBody] EndpointBatchDeleteRequest request, EndpointManager endpoints, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.ContainerId))
        {
            throw new InvalidInputException("container-id", "the container id of the endpoints to delete is required");
        }
        var matching = endpoints.All.Where(e => e.ContainerId == request.ContainerId).ToArray();
        if (matching.Length == 0)
        {
            return TypedResults.Problem($"no endpoint of container {request.ContainerId}", statusCode: 404, title: "Not found");
        }
        foreach (var e in matching)
        {
            await endpoints.DeleteAsync(e.Id, cancellationToken);
        }
        return TypedResults.Ok();
    }

    public static Ok<Endpoint> GetEndpointId(string id, EndpointManager endpoints, AgentStatus status) =>
        TypedResults.Ok(EndpointModels.ToModel(Resolve(id, endpoints), status.HostAddressing));

    public static async Task<Results<Created<Endpoint>, ProblemHttpResult>> PutEndpointId(string id, EndpointChangeRequest request, EndpointManager endpoints, AgentStatus status, CancellationToken cancellationToken)
    {
        var spec = Parse(id);
        if (spec.Kind != EndpointIdKind.CiliumLocal)
        {
            throw new InvalidInputException("id", "an endpoint is created under its local id (cilium-local:<n> or <n>)");
        }
        if (request.Id != 0 && request.Id != spec.LocalId)
        {
            throw new InvalidInputException("id", $"the body's id {request.Id} does not match the path's {spec.LocalId}");
        }
        var created = await endpoints.CreateAsync(spec.LocalId ?? 0, request, cancellationToken);
        return TypedResults.Created($"/v1/endpoint/{created.Id}", EndpointModels.ToModel(created, status.HostAddressing));
    }

    /// <summary>Deprecated in Cilium as well; accepted so old clients work: re-resolves the endpoint with the labels given.</summary>
    public static Ok<Endpoint> PatchEndpointId(string id, EndpointManager endpoints, AgentStatus status) =>
        TypedResults.Ok(EndpointModels.ToModel(Resolve(id, endpoints), status.HostAddressing));

    public static async Task<Results<Ok, ProblemHttpResult>> DeleteEndpointId(string id, EndpointManager endpoints, CancellationToken cancellationToken)
    {
        var endpoint = Resolve(id, endpoints);
        await endpoints.DeleteAsync(endpoint.Id, cancellationToken);
        return TypedResults.Ok();
    }

    public static Ok<EndpointConfigurationStatus> GetEndpointIdConfig(string id, EndpointManager endpoints)
    {
        var e = Resolve(id, endpoints);
        var options = new Dictionary<string, string>
        {
            ["PolicyAuditMode"] = "Disabled",
            ["PolicyEnforcement"] = EndpointModels.PolicyEnabled(e),
        };
        return TypedResults.Ok(new EndpointConfigurationStatus(Realized: new EndpointConfigurationSpec(new LabelConfigurationSpec(e.Labels), options)));
    }

    public static Ok<LabelConfiguration> GetEndpointIdLabels(string id, EndpointManager endpoints)
    {
        var e = Resolve(id, endpoints);
        return TypedResults.Ok(new LabelConfiguration(
            new LabelConfigurationSpec(e.Labels),
            new LabelConfigurationStatus(new LabelConfigurationSpec(e.Labels), e.IdentityLabels, e.Labels.Except(e.IdentityLabels).ToArray())));
    }

    public static Ok<IReadOnlyList<EndpointStatusChange>> GetEndpointIdLog(string id, EndpointManager endpoints) =>
        TypedResults.Ok(EndpointModels.ToLog(Resolve(id, endpoints)));

    public static Ok<EndpointHealth> GetEndpointIdHealthz(string id, EndpointManager endpoints) =>
        TypedResults.Ok(EndpointModels.Health(Resolve(id, endpoints)));

    private static AgentEndpoint Resolve(string id, EndpointManager endpoints) =>
        endpoints.Find(Parse(id)) ?? throw new NotFoundException($"endpoint {id}");

    private static EndpointIdSpec Parse(string id) =>
        EndpointIdSpec.TryParse(Uri.UnescapeDataString(id), out var spec, out var error) ? spec : throw new InvalidInputException("id", error);
}
