using Cilium.Agent.Endpoints;
using Cilium.Contracts.Agent;
using Cilium.Core.Errors;
using Cilium.Core.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using IdentityModel = Cilium.Contracts.Identities.Identity;

namespace Cilium.Agent.Apis;

/// <summary><c>/v1/identity</c>: the identities this agent knows (reserved, cluster, and its CIDR identities).</summary>
public static class IdentityApi
{
    public static RouteGroupBuilder MapAgentIdentityApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/identity").WithTags("policy");
        api.MapGet("/", GetIdentity).WithName("GetIdentity");
        api.MapGet("/endpoints", GetIdentityEndpoints).WithName("GetIdentityEndpoints");
        api.MapGet("/{id}", GetIdentityId).WithName("GetIdentityID").ProducesProblem(404).ProducesValidationProblem();
        return api;
    }

    public static async Task<Ok<IdentityModel[]>> GetIdentity(AgentReconciler reconciler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reconciler.QueryAsync(e => e.Identities.OrderBy(i => i.Id).Select(ToModel).ToArray(), cancellationToken));

    public static async Task<Ok<IdentityModel>> GetIdentityId(string id, AgentReconciler reconciler, CancellationToken cancellationToken)
    {
        if (!uint.TryParse(id, out var number))
        {
            throw new InvalidInputException("id", $"'{id}' is not a numeric identity");
        }
        var identity = await reconciler.QueryAsync(e => e.TryGetIdentity(number, out var i) ? ToModel(i) : null, cancellationToken);
        return TypedResults.Ok(identity ?? throw new NotFoundException($"identity {id}"));
    }

    public static Ok<IdentityEndpoints[]> GetIdentityEndpoints(EndpointManager endpoints) =>
        TypedResults.Ok(endpoints.All
            .Where(e => e.Identity > 0)
            .GroupBy(e => e.Identity)
            .Select(g => new IdentityEndpoints(
                new IdentityModel(g.Key, g.First().IdentityLabels, Core.Labels.LabelSet.Parse(g.First().IdentityLabels).Sha256),
                g.Count()))
            .ToArray());

    private static IdentityModel ToModel(PolicyIdentity identity) =>
        new(identity.Id, identity.Labels.ToStrings(), identity.Labels.Sha256);
}
