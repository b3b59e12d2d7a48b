using Cilium.Contracts.Agent;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Cilium.Agent.Apis;

/// <summary><c>/v1/healthz</c>, <c>/v1/config</c>, <c>/v1/cluster/nodes</c>: the daemon's own state.</summary>
public static class DaemonApi
{
    public static IEndpointRouteBuilder MapDaemonApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("daemon");
        api.MapGet("/healthz", GetHealthz).WithName("GetHealthz").WithSummary("Get health of Cilium daemon");
        api.MapGet("/config", GetConfig).WithName("GetConfig").WithSummary("Get configuration of Cilium daemon");
        api.MapGet("/cluster/nodes", GetClusterNodes).WithName("GetClusterNodes").WithSummary("Get nodes information stored in the cilium-agent");
        return app;
    }

    /// <summary>With the <c>brief</c> header, Cilium answers one word; otherwise the full status.</summary>
    public static IResult GetHealthz(HttpRequest request, AgentStatus status)
    {
        var response = status.Build();
        if (request.Headers.TryGetValue(AgentPaths.BriefHeader, out var brief) && bool.TryParse(brief, out var b) && b)
        {
            return TypedResults.Text(response.Cilium?.State ?? StatusState.Failure);
        }
        return TypedResults.Ok(response);
    }

    public static Ok<DaemonConfiguration> GetConfig(IOptions<AgentOptions> options, AgentStatus status)
    {
        var o = options.Value;
        var spec = new DaemonConfigurationSpec(new Dictionary<string, string>
        {
            ["PolicyAuditMode"] = "Disabled",
            ["MonitorAggregationLevel"] = "medium",
        }, o.PolicyEnforcement);
        var map = new Dictionary<string, System.Text.Json.JsonElement>
        {
            ["node-name"] = Json(o.NodeName),
            ["socket-path"] = Json(o.SocketPath),
            ["state-dir"] = Json(o.StateDir),
            ["bpf-root"] = Json(o.BpffsRoot),
            ["enable-policy"] = Json(o.PolicyEnforcement),
            ["cluster-pool-ipv4-cidr"] = Json(o.PodCidr ?? ""),
            ["bpf-policy-map-max"] = Json("16384"),
        };
        return TypedResults.Ok(new DaemonConfiguration(spec, new DaemonConfigurationStatus(
            status.HostAddressing, spec, DaemonConfigurationMap: map, DatapathMode: "veth", IpamMode: "cluster-pool", RoutingMode: "native")));
    }

    public static Ok<ClusterNodeStatus> GetClusterNodes(IOptions<AgentOptions> options, AgentReconciler reconciler) =>
        TypedResults.Ok(new ClusterNodeStatus(
            Self: options.Value.NodeName,
            NodesAdded: reconciler.Nodes.Select(n => new NodeElement(
                n.Name,
                new NodeAddressing(new NodeAddressingElement(true, n.Addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Ip, n.PodCidrs.FirstOrDefault())),
                Source: "cilium-endpoint")).ToArray()));

    private static System.Text.Json.JsonElement Json(string value) => System.Text.Json.JsonSerializer.SerializeToElement(value);
}
