using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands;

/// <summary><c>cilium-dbg node list</c>: the nodes this agent knows. Calls GET /v1/cluster/nodes.</summary>
public static class NodeCommand
{
    public static Command Create(DbgContext context)
    {
        var output = OutputOption.Create();
        var list = new Command("list", "List nodes") { output };
        list.Aliases.Add("ls");
        list.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var status = await client.GetAsync(AgentPaths.ClusterNodes, CiliumJsonContext.Default.ClusterNodeStatus, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, status.Json);
                return 0;
            }
            // Without a client-id the agent sends every node as "added".
            var rows = (status.Value.NodesAdded ?? []).OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => (IReadOnlyList<string>)
            [
                n.Name,
                n.PrimaryAddress?.Ipv4?.Ip ?? "",
                n.PrimaryAddress?.Ipv4?.AllocRange ?? "",
                n.PrimaryAddress?.Ipv6?.Ip ?? "",
                n.PrimaryAddress?.Ipv6?.AllocRange ?? "",
                n.Source ?? "",
            ]);
            await Table.WriteAsync(context.Out, ["Name", "IPv4 Address", "Endpoint CIDR", "IPv6 Address", "Endpoint CIDR", "Source"], rows);
            return 0;
        }));
        return new Command("node", "Manage cluster nodes") { list };
    }
}
