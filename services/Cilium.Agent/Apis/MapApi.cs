using Cilium.Agent.Datapath;
using Cilium.Agent.Endpoints;
using Cilium.Bpf.Maps;
using Cilium.Contracts.Agent;
using Cilium.Core.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cilium.Agent.Apis;

/// <summary>
/// <c>/v1/map</c>: the node's BPF maps as the kernel holds them. Every read goes to the map itself (through the
/// reconciler loop, which owns the open descriptors), so <c>cilium-dbg bpf …</c> shows what enforces traffic.
/// </summary>
public static class MapApi
{
    public static RouteGroupBuilder MapBpfMapApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/map").WithTags("daemon");
        api.MapGet("/", GetMap).WithName("GetMap").WithSummary("List all open maps");
        api.MapGet("/{name}", GetMapName).WithName("GetMapName").WithSummary("Retrieve contents of BPF map").ProducesProblem(404);
        return api;
    }

    public static async Task<Ok<BPFMapList>> GetMap(AgentReconciler reconciler, DatapathManager datapath, EndpointManager endpoints, CancellationToken cancellationToken)
    {
        if (!datapath.Enabled)
        {
            return TypedResults.Ok(new BPFMapList([]));
        }
        var maps = await reconciler.QueryAsync(_ =>
        {
            var pins = datapath.Node.Pins;
            var list = datapath.Node.GlobalMapSizes.Keys.Order(StringComparer.Ordinal).Select(n => new BPFMap(pins.GlobalMap(n))).ToList();
            list.AddRange(endpoints.All.Select(e => new BPFMap(pins.PolicyMap(e.Id))));
            return list.ToArray();
        }, cancellationToken);
        return TypedResults.Ok(new BPFMapList(maps));
    }

    public static async Task<Ok<BPFMap>> GetMapName(string name, AgentReconciler reconciler, DatapathManager datapath, CancellationToken cancellationToken)
    {
        if (!datapath.Enabled)
        {
            throw new NotFoundException($"map {name} (the datapath is disabled on this node)");
        }
        var map = await reconciler.QueryAsync(_ => Read(name, datapath), cancellationToken);
        return TypedResults.Ok(map ?? throw new NotFoundException($"map {name}"));
    }

    private static BPFMap? Read(string name, DatapathManager datapath)
    {
        var node = datapath.Node;
        var pins = node.Pins;
        if (name.StartsWith("cilium_policy_v2_", StringComparison.Ordinal) && ushort.TryParse(name["cilium_policy_v2_".Length..], out var endpointId))
        {
            var entries = datapath.PolicyEntries(endpointId).Select(e => MapFormatter.Policy(e.Key, e.Value)).ToArray();
            return File.Exists(pins.PolicyMap(endpointId)) ? new BPFMap(pins.PolicyMap(endpointId), entries) : null;
        }
        return name switch
        {
            IpCacheMap.Name => new BPFMap(pins.GlobalMap(name), node.IpCache.Entries().Select(e => MapFormatter.IpCache(e.Prefix, e.Identity)).ToArray()),
            CtMap.Tcp4Name or CtMap.Any4Name or CtMap.Tcp6Name or CtMap.Any6Name => new BPFMap(pins.GlobalMap(name),
                node.ConnTrack.Entries().Where(c => CtMapOf(c) == name).Select(MapFormatter.Ct).ToArray()),
            MetricsMap.Name => new BPFMap(pins.GlobalMap(name), node.Metrics.Read().Select(MapFormatter.Metrics).ToArray()),
            EndpointStateMap.Name => new BPFMap(pins.GlobalMap(name), node.EndpointStates.Map.Iterate().OrderBy(e => e.Key).Select(e => MapFormatter.EndpointState(e.Key, e.Value)).ToArray()),
            _ when node.GlobalMapSizes.ContainsKey(name) => new BPFMap(pins.GlobalMap(name), []),
            _ => null,
        };
    }

    private static string CtMapOf(CtConnection c)
    {
        var v6 = c.Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        return (c.Protocol == 6, v6) switch
        {
            (true, false) => CtMap.Tcp4Name,
            (false, false) => CtMap.Any4Name,
            (true, true) => CtMap.Tcp6Name,
            _ => CtMap.Any6Name,
        };
    }
}
