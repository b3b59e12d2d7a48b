using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Maps;

/// <summary><c>cilium-dbg map list [--verbose]</c>. Calls GET /v1/map.</summary>
public static class MapListCommand
{
    public static Command Create(DbgContext context)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Print cache contents of all maps" };
        var output = OutputOption.Create();
        var command = new Command("list", "List all open BPF maps") { verbose, output };
        command.Aliases.Add("ls");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var list = await client.GetAsync(AgentPaths.Maps, CiliumJsonContext.Default.BPFMapList, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, list.Json);
                return 0;
            }
            var maps = (list.Value.Maps ?? []).OrderBy(m => Name(m), StringComparer.Ordinal).ToList();
            if (parse.GetValue(verbose))
            {
                foreach (var map in maps)
                {
                    await context.Out.WriteLineAsync($"## Map: {Name(map)}");
                    await MapEntriesTable.WriteAsync(context.Out, map);
                    await context.Out.WriteLineAsync();
                }
                return 0;
            }
            var rows = maps.Select(m => (IReadOnlyList<string>)
            [
                Name(m),
                (m.Cache?.Count ?? 0).ToString(CultureInfo.InvariantCulture),
                (m.Cache?.Count(e => !string.IsNullOrEmpty(e.LastError)) ?? 0).ToString(CultureInfo.InvariantCulture),
                m.Cache is null ? "false" : "true",
            ]);
            await Table.WriteAsync(context.Out, ["Name", "Num entries", "Num errors", "Cache enabled"], rows);
            return 0;
        }));
        return command;
    }

    private static string Name(BPFMap map) => Path.GetFileName(map.Path);
}
