using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Endpoints;

/// <summary><c>cilium-dbg endpoint log &lt;id&gt;</c>: the endpoint's status changes. Calls GET /v1/endpoint/{id}/log.</summary>
public static class EndpointLogCommand
{
    public static Command Create(DbgContext context)
    {
        var id = EndpointCommand.IdArgument();
        var output = OutputOption.Create();
        var command = new Command("log", "View endpoint status log") { id, output };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var path = AgentPaths.EndpointLog(EndpointCommand.ParseId(parse.GetValue(id)!));
            var log = await client.GetAsync(path, CiliumJsonContext.Default.EndpointStatusChangeArray, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, log.Json);
                return 0;
            }
            var rows = log.Value.Select(e => (IReadOnlyList<string>)[e.Timestamp, e.Code, ModelText.State(e.State), e.Message]);
            await Table.WriteAsync(context.Out, ["Timestamp", "Status", "State", "Message"], rows);
            return 0;
        }));
        return command;
    }
}
