using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// <c>cilium-dbg bpf endpoint list</c>: the local endpoint map. Calls GET /v1/map/cilium_lxc; entries are key
/// <c>&lt;ip&gt;:&lt;cluster-id&gt;</c>, value <c>id=N sec_id=N flags=0x… ifindex=N mac=… nodemac=…</c> (or <c>(localhost)</c>).
/// </summary>
public static class EndpointListCommand
{
    public static Command Create(DbgContext context)
    {
        var output = OutputOption.Create();
        var command = new Command("list", "List local endpoint entries") { output };
        command.Aliases.Add("ls");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var map = await client.GetAsync(AgentPaths.Map(BpfMapNames.Lxc), CiliumJsonContext.Default.BPFMap, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, map.Json);
                return 0;
            }
            var rows = (map.Value.Cache ?? []).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (IReadOnlyList<string>)[e.Key, e.Value]);
            await Table.WriteAsync(context.Out, ["IP ADDRESS", "LOCAL ENDPOINT INFO"], rows);
            return 0;
        }));
        return command;
    }
}
