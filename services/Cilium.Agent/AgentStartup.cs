using Cilium.Agent.Clients;
using Cilium.Agent.Datapath;
using Cilium.Agent.Endpoints;
using Cilium.Agent.Ipam;
using Cilium.Contracts.Nodes;
using Cilium.ServiceDefaults.Health;
using Cilium.ServiceDefaults.Nats;
using Microsoft.Extensions.Options;

namespace Cilium.Agent;

/// <summary>
/// Brings the node up in order: open (or reuse the pinned) datapath, restore the endpoints of a previous run,
/// then register the node with the cluster. Endpoints restored here keep their pinned programs, so traffic
/// flows throughout; they are regenerated once the cluster state has been replayed.
/// </summary>
public sealed class AgentStartup(
    DatapathManager datapath,
    EndpointManager endpoints,
    EndpointServiceClient registry,
    PodIpam ipam,
    Readiness readiness,
    StartupRetry retry,
    IOptions<AgentOptions> options,
    IConfiguration configuration,
    ILogger<AgentStartup> logger) : BackgroundService
{
    public const string Gate = "datapath";

    /// <summary>Open once 05-cilium.conflist is written, so "ready" means a runtime can already find the plugin.</summary>
    public const string CniConfigGate = "cni-config";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Register(Gate);
        readiness.Register(CniConfigGate);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        // The node's registration needs nothing from the datapath, and both wait on something slow (the kernel
        // allocating Cilium-sized CT maps; a control-plane round trip), so they overlap: start-up is the longer one.
        var registering = RegisterNodeAsync(o, stoppingToken);
        try
        {
            await Task.Run(datapath.Open, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Without a datapath the node enforces nothing: stay not-ready and say why, rather than pretend.
            logger.LogCritical(e, "The datapath could not be opened under {BpffsRoot}", o.BpffsRoot);
            await registering;
            return;
        }
        await endpoints.RestoreAsync(stoppingToken);
        readiness.Open(Gate);
        await registering;

        await readiness.WaitForOthersAsync(CniConfigGate, stoppingToken);
        WriteCniConfig(o);
        readiness.Open(CniConfigGate);
    }

    private async Task RegisterNodeAsync(AgentOptions o, CancellationToken stoppingToken)
    {
        await Task.Yield();
        var addresses = new List<NodeAddress>();
        if (!string.IsNullOrEmpty(o.NodeIp))
        {
            addresses.Add(new NodeAddress("InternalIP", o.NodeIp));
        }
        if (ipam.RouterV4 is { } router)
        {
            addresses.Add(new NodeAddress("CiliumInternalIP", router.ToString()));
        }
        var cidrs = new[] { ipam.V4?.ToString(), ipam.V6?.ToString() }.OfType<string>().ToArray();
        var hubble = Hubble.HubbleNodeAddress.Resolve(configuration, o);
        await retry.RunAsync(async ct => await registry.PutNodeAsync(o.NodeName, new PutNodeRequest(addresses, cidrs, new Dictionary<string, string>
        {
            ["kubernetes.io/hostname"] = o.NodeName,
        }, hubble), ct), stoppingToken);
        logger.LogInformation("Node {Node} registered with pod CIDRs {Cidrs}", o.NodeName, string.Join(", ", cidrs));
    }

    /// <summary>
    /// Writes <c>05-cilium.conflist</c> once the agent can serve CNI calls, as Cilium's agent does, so a runtime
    /// only starts sending pods here when they can get an endpoint. <c>socket-path</c> tells the plugin which agent
    /// to call (several agents share a machine in the lab).
    /// </summary>
    private void WriteCniConfig(AgentOptions o)
    {
        if (string.IsNullOrEmpty(o.CniConfDir))
        {
            return;
        }
        Directory.CreateDirectory(o.CniConfDir);
        var file = Path.Combine(o.CniConfDir, "05-cilium.conflist");
        var json = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["cniVersion"] = "1.0.0",
            ["name"] = "cilium",
            ["plugins"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["type"] = "cilium-cni",
                    ["socket-path"] = o.SocketPath,
                    ["log-file"] = Path.Combine(o.StateDir, "cilium-cni.log"),
                },
            },
        }, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(file + ".tmp", json);
        File.Move(file + ".tmp", file, overwrite: true);
        logger.LogInformation("CNI configuration written to {File}", file);
    }
}
