using System.Net;
using Cilium.Contracts.Agent;
using Cilium.Core.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cilium.Agent.Apis;

/// <summary><c>/v1/ip</c>: the agent's ipcache (every prefix it put into <c>cilium_ipcache_v2</c>, with its identity).</summary>
public static class IpApi
{
    public static RouteHandlerBuilder MapIpApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/ip", GetIp).WithTags("policy").WithName("GetIP").WithSummary("Lists IP to identity mappings").ProducesValidationProblem();

    public static Ok<IPListEntry[]> GetIp(string? cidr, AgentReconciler reconciler)
    {
        IPNetwork? filter = null;
        if (!string.IsNullOrEmpty(cidr))
        {
            filter = IPNetwork.TryParse(cidr, out var parsed) ? parsed : throw new InvalidInputException("cidr", $"'{cidr}' is not a CIDR");
        }
        return TypedResults.Ok(reconciler.IpCacheSnapshot
            .Where(e => filter is not { } f || f.Contains(e.Key.BaseAddress))
            .OrderBy(e => e.Key.ToString(), StringComparer.Ordinal)
            .Select(e => new IPListEntry(e.Key.ToString(), e.Value))
            .ToArray());
    }
}
