using Cilium.Agent.Datapath;
using Cilium.Agent.Endpoints;
using Cilium.Agent.Ipam;
using Cilium.Contracts.Agent;
using Cilium.Core.Identities;
using Cilium.ServiceDefaults;
using Cilium.ServiceDefaults.Health;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using IdentityRangeModel = Cilium.Contracts.Agent.IdentityRange;

namespace Cilium.Agent;

/// <summary>Builds the agent's <c>StatusResponse</c> (what <c>cilium-dbg status</c> and <c>GET /v1/healthz</c> show) from live state.</summary>
public sealed class AgentStatus(
    IOptions<AgentOptions> options,
    IOptions<ClusterOptions> cluster,
    INatsConnection nats,
    Readiness readiness,
    PodIpam ipam,
    EndpointManager endpoints,
    DatapathManager datapath,
    IServiceProvider services)
{
    public NodeAddressing HostAddressing => new(
        new NodeAddressingElement(ipam.V4 is not null, ipam.RouterV4?.ToString(), ipam.V4?.ToString(), "IPv4"),
        new NodeAddressingElement(ipam.V6 is not null, ipam.RouterV6?.ToString(), ipam.V6?.ToString(), "IPv6"));

    public StatusResponse Build()
    {
        var o = options.Value;
        var pending = readiness.Pending;
        var natsOk = nats.ConnectionState == NatsConnectionState.Open;
        var range = Cilium.Core.Identities.IdentityRange.ForCluster(cluster.Value.Id);
        var all = endpoints.All;
        var failing = all.Count(e => e.State is EndpointStates.NotReady or EndpointStates.Invalid);
        var reconciler = services.GetRequiredService<AgentReconciler>();
        return new StatusResponse(
            Cilium: pending.Count == 0
                ? new Status(failing == 0 ? StatusState.Ok : StatusState.Warning, failing == 0 ? "OK" : $"{failing} endpoints are not ready")
                : new Status(StatusState.Warning, $"starting: waiting for {string.Join(", ", pending)}"),
            Kvstore: new Status(natsOk ? StatusState.Ok : StatusState.Failure, $"NATS JetStream {nats.Opts.Url}: {nats.ConnectionState}"),
            Kubernetes: new K8sStatus(StatusState.Disabled, "the control plane is the cilium-* REST services over NATS"),
            Ipam: new IPAMStatus(
                ipam.V4 is null ? null : [ipam.V4.ToString()!],
                ipam.V6 is null ? null : [ipam.V6.ToString()!],
                ipam.Allocations,
                $"{ipam.Allocations.Count} IPs allocated"),
            Cluster: new ClusterStatus(
                $"{cluster.Value.Name}/{o.NodeName}",
                reconciler.Nodes.Select(n => new NodeElement(
                    n.Name,
                    new NodeAddressing(new NodeAddressingElement(true, n.Addresses.FirstOrDefault(a => a.Type == "InternalIP")?.Ip, n.PodCidrs.FirstOrDefault())))).ToArray()),
            IdentityRange: new IdentityRangeModel(range.Min, range.Max),
            BpfMaps: datapath.Enabled
                ? new BPFMapStatus(0, datapath.Node.GlobalMapSizes.Select(m => new BPFMapProperties(m.Key, m.Value)).ToArray())
                : null,
            Hubble: services.GetRequiredService<Hubble.DatapathEventsObserver>().Status,
            DatapathMode: "veth",
            AttachMode: "tc",
            Routing: new Routing(InterHostRoutingMode: "Native", IntraHostRoutingMode: "BPF"),
            Stale: failing == 0 ? null : all.Where(e => e.Error is not null).ToDictionary(e => $"endpoint {e.Id}", e => e.Error!));
    }
}
