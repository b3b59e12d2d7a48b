using System.CommandLine;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// <c>cilium-dbg bpf</c>: the node's maps as the kernel holds them, read through the agent (GET /v1/map/{name}):
/// ipcache, policy, ct, endpoint, metrics.
/// </summary>
public static class BpfCommand
{
    public static Command Create(DbgContext context)
    {
        var ipcache = new Command("ipcache", "Manage the IPCache mappings for IP/CIDR <-> Identity")
        {
            IpcacheListCommand.Create(context),
            IpcacheGetCommand.Create(context),
        };
        var policy = new Command("policy", "Manage policy related BPF maps") { PolicyGetCommand.Create(context) };
        var ct = new Command("ct", "Connection tracking tables") { CtListCommand.Create(context) };
        var endpoint = new Command("endpoint", "Local endpoint map") { EndpointListCommand.Create(context) };
        var metrics = new Command("metrics", "BPF datapath traffic metrics") { MetricsListCommand.Create(context) };
        return new Command("bpf", "Direct access to local BPF maps") { ipcache, policy, ct, endpoint, metrics };
    }
}
