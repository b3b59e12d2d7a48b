using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Maps;

/// <summary><c>cilium-dbg map get &lt;name&gt;</c>. Calls GET /v1/map/{name}.</summary>
public static class MapGetCommand
{
    public static Command Create(DbgContext context)
    {
        var name = new Argument<string>("name") { Description = "Map name, e.g. cilium_ipcache_v2" };
        var output = OutputOption.Create();
        var command = new Command("get", "Display cached content of given BPF map") { name, output };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var text = parse.GetValue(name)!;
            if (text.Length == 0 || text.Contains('/', StringComparison.Ordinal))
            {
                throw new UsageException($"invalid map name \"{text}\": give the name, not a path");
            }
            var map = await client.GetAsync(AgentPaths.Map(text), CiliumJsonContext.Default.BPFMap, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, map.Json);
                return 0;
            }
            await MapEntriesTable.WriteAsync(context.Out, map.Value);
            return 0;
        }));
        return command;
    }
}
