using Cilium.Contracts.Agent;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cilium.Agent.Apis;

/// <summary><c>/v1/policy</c>: the rules this agent enforces (as imported manifests) and its policy revision.</summary>
public static class PolicyApi
{
    public static RouteGroupBuilder MapAgentPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/policy").WithTags("policy");
        api.MapGet("/", GetPolicy).WithName("GetPolicy").WithSummary("Retrieve entire policy tree");
        api.MapGet("/selectors", GetPolicySelectors).WithName("GetPolicySelectors").WithSummary("See what selectors match which identities");
        return api;
    }

    public static Ok<PolicyResponse> GetPolicy(AgentReconciler reconciler) =>
        TypedResults.Ok(new PolicyResponse(reconciler.PolicyJson(), reconciler.PolicyRevision));

    public static async Task<Ok<SelectorIdentityMapping[]>> GetPolicySelectors(AgentReconciler reconciler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await reconciler.QueryAsync(
            e => e.SelectorSnapshot().Select(s => new SelectorIdentityMapping(s.Selector, s.Identities.Select(i => (long)i).Order().ToArray(), s.Users)).ToArray(),
            cancellationToken));
}
