using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Endpoints;

/// <summary><c>cilium-dbg endpoint get &lt;id&gt;</c>: the whole endpoint as JSON. Calls GET /v1/endpoint/{id}.</summary>
public static class EndpointGetCommand
{
    public static Command Create(DbgContext context)
    {
        var id = EndpointCommand.IdArgument();
        var output = OutputOption.Create();
        var command = new Command("get", "Display endpoint information") { id, output };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var path = AgentPaths.Endpoint(EndpointCommand.ParseId(parse.GetValue(id)!));
            // Read through the model so a malformed answer is an error, but print the agent's own JSON.
            var endpoint = await client.GetAsync(path, CiliumJsonContext.Default.Endpoint, ct);
            await JsonText.WriteAsync(context.Out, endpoint.Json);
            return 0;
        }));
        return command;
    }
}
