using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Client;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands;

/// <summary>
/// <c>cilium-dbg ip list [-n]</c>: the ipcache as the agent's control plane sees it. Calls GET /v1/ip
/// (and GET /v1/identity/{id} for labels unless <c>-n</c>).
/// </summary>
public static class IpCommand
{
    public static Command Create(DbgContext context)
    {
        var numeric = new Option<bool>("--numeric", "-n") { Description = "Print numeric identities" };
        var output = OutputOption.Create();
        var list = new Command("list", "List IP addresses in the userspace IPcache") { numeric, output };
        list.Aliases.Add("ls");
        list.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var entries = await client.GetAsync(AgentPaths.Ip, CiliumJsonContext.Default.IPListEntryArray, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, entries.Json);
                return 0;
            }
            var labels = parse.GetValue(numeric) ? null : new IdentityLabelResolver(client);
            var rows = new List<IReadOnlyList<string>>();
            foreach (var entry in entries.Value.OrderBy(e => e.Cidr, StringComparer.Ordinal))
            {
                var identity = labels is null
                    ? entry.Identity.ToString(CultureInfo.InvariantCulture)
                    : ModelText.Labels(await labels.LabelsAsync(entry.Identity, ct));
                rows.Add([entry.Cidr, identity, entry.Metadata?.Source ?? ""]);
            }
            await Table.WriteAsync(context.Out, ["IP", "IDENTITY", "SOURCE"], rows);
            return 0;
        }));
        return new Command("ip", "Manage IP addresses and associated information") { list };
    }
}
