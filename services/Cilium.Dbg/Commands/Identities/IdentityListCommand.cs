using System.CommandLine;
using System.Globalization;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Identities;

/// <summary>
/// <c>cilium-dbg identity list [--endpoints]</c>. Calls GET /v1/identity, or GET /v1/identity/endpoints with
/// <c>--endpoints</c> (identities of local endpoints with their reference counts).
/// </summary>
public static class IdentityListCommand
{
    public static Command Create(DbgContext context)
    {
        var endpoints = new Option<bool>("--endpoints") { Description = "list identities of locally managed endpoints" };
        var output = OutputOption.Create();
        var command = new Command("list", "List identities") { endpoints, output };
        command.Aliases.Add("ls");
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            if (parse.GetValue(endpoints))
            {
                var used = await client.GetAsync(AgentPaths.IdentityEndpoints, CiliumJsonContext.Default.IdentityEndpointsArray, ct);
                if (parse.IsJson(output))
                {
                    await JsonText.WriteAsync(context.Out, used.Json);
                    return 0;
                }
                var rows = used.Value.OrderBy(u => u.Identity.Id).Select(u => (IReadOnlyList<string>)
                [
                    u.Identity.Id.ToString(CultureInfo.InvariantCulture),
                    ModelText.Labels(u.Identity.Labels),
                    u.RefCount.ToString(CultureInfo.InvariantCulture),
                ]);
                await Table.WriteAsync(context.Out, ["ID", "LABELS", "REFCOUNT"], rows);
                return 0;
            }
            var identities = await client.GetAsync(AgentPaths.Identities, CiliumJsonContext.Default.IdentityArray, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, identities.Json);
                return 0;
            }
            await IdentityTable.WriteAsync(context.Out, identities.Value);
            return 0;
        }));
        return command;
    }
}
