using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Datapath;
using Cilium.Contracts.Json;
using Cilium.Dbg.Client;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// <c>cilium-dbg bpf metrics list</c>: packet and byte counters per reason and direction. Calls
/// GET /v1/map/cilium_metrics; entries are key <c>reason=N direction=ingress|egress|service|unknown</c>
/// (optionally <c>line=N file=NAME</c>), value <c>packets=N bytes=N</c> summed over CPUs.
/// </summary>
public static class MetricsListCommand
{
    public static Command Create(DbgContext context)
    {
        var output = OutputOption.Create();
        var command = new Command("list", "List BPF datapath traffic metrics") { output };
        command.Aliases.Add("ls");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var map = await client.GetAsync(AgentPaths.Map(BpfMapNames.Metrics), CiliumJsonContext.Default.BPFMap, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, map.Json);
                return 0;
            }
            var rows = (map.Value.Cache ?? [])
                .Select(e => (Key: MapEntryFields.Parse(e.Key), Value: MapEntryFields.Parse(e.Value)))
                .OrderBy(e => e.Key.Number(0, "reason"))
                .ThenBy(e => Direction(e.Key), StringComparer.Ordinal)
                .Select(e => (IReadOnlyList<string>)
                [
                    DropReasons.Describe(e.Key.Number(0, "reason")),
                    Direction(e.Key),
                    e.Value.Number(0, "packets", "count").ToString(CultureInfo.InvariantCulture),
                    e.Value.Number(0, "bytes").ToString(CultureInfo.InvariantCulture),
                    e.Key["line"] ?? "",
                    e.Key["file"] ?? "",
                ]);
            await Table.WriteAsync(context.Out, ["REASON", "DIRECTION", "PACKETS", "BYTES", "LINE", "FILE"], rows);
            return 0;
        }));
        return command;
    }

    // Numbered as the metrics key's dir field: 0 unknown, 1 ingress, 2 egress, 3 service.
    private static string Direction(MapEntryFields key) => (key["direction"] ?? key["dir"])?.ToLowerInvariant() switch
    {
        "ingress" or "1" => "INGRESS",
        "egress" or "2" => "EGRESS",
        "service" or "3" => "SERVICE",
        _ => "UNKNOWN",
    };
}
