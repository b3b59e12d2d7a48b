using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// <c>cilium-dbg bpf ct list global</c>: one line per connection, <c>&lt;key&gt; &lt;value&gt;</c> as the agent renders the
/// tuple and entry. Calls GET /v1/map/cilium_ct4_global and GET /v1/map/cilium_ct_any4_global (then the IPv6 pair;
/// a 404 for any of them means the node has no such map and is skipped).
/// </summary>
public static class CtListCommand
{
    private static readonly string[] GlobalMaps =
        [BpfMapNames.Ct4Global, BpfMapNames.CtAny4Global, BpfMapNames.Ct6Global, BpfMapNames.CtAny6Global];

    public static Command Create(DbgContext context)
    {
        var table = new Argument<string>("type") { Description = "Which table: global" };
        table.AcceptOnlyFromAmong("global");
        var output = OutputOption.Create();
        var command = new Command("list", "List connection tracking entries") { table, output };
        command.Aliases.Add("ls");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var found = new List<Client.AgentDocument<BPFMap>>();
            foreach (var name in GlobalMaps)
            {
                if (await client.GetOrNullAsync(AgentPaths.Map(name), CiliumJsonContext.Default.BPFMap, ct) is { } map)
                {
                    found.Add(map);
                }
            }
            if (found.Count == 0)
            {
                throw new UsageException($"the agent has none of the maps {string.Join(", ", GlobalMaps)}");
            }
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, "[" + string.Join(",", found.Select(m => m.Json)) + "]");
                return 0;
            }
            foreach (var entry in found.SelectMany(m => m.Value.Cache ?? []))
            {
                await context.Out.WriteLineAsync($"{entry.Key} {entry.Value}".TrimEnd());
            }
            return 0;
        }));
        return command;
    }
}
