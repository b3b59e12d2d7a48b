using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Bpf;

/// <summary>
/// <c>cilium-dbg bpf ipcache list</c>. Calls GET /v1/map/cilium_ipcache_v2; entries are
/// key <c>&lt;ip&gt;/&lt;prefixlen&gt;</c>, value <c>identity=N encryptkey=N tunnelendpoint=IP flags=…</c>.
/// </summary>
public static class IpcacheListCommand
{
    public static Command Create(DbgContext context)
    {
        var output = OutputOption.Create();
        var command = new Command("list", "List endpoint IPs (local and remote) and their corresponding security identities") { output };
        command.Aliases.Add("ls");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var map = await client.GetAsync(AgentPaths.Map(BpfMapNames.IpCache), CiliumJsonContext.Default.BPFMap, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, map.Json);
                return 0;
            }
            var entries = map.Value.Cache ?? [];
            if (entries.Count == 0)
            {
                await context.Error.WriteLineAsync("No entries found.");
                return 0;
            }
            var rows = entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (IReadOnlyList<string>)[e.Key, e.Value]);
            await Table.WriteAsync(context.Out, ["IP PREFIX/ADDRESS", "IDENTITY"], rows);
            return 0;
        }));
        return command;
    }
}
