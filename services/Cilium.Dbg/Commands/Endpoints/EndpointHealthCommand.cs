using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Endpoints;

/// <summary><c>cilium-dbg endpoint health &lt;id&gt;</c>. Calls GET /v1/endpoint/{id}/healthz.</summary>
public static class EndpointHealthCommand
{
    public static Command Create(DbgContext context)
    {
        var id = EndpointCommand.IdArgument();
        var output = OutputOption.Create();
        var command = new Command("health", "View endpoint health") { id, output };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var path = AgentPaths.EndpointHealthz(EndpointCommand.ParseId(parse.GetValue(id)!));
            var health = await client.GetAsync(path, CiliumJsonContext.Default.EndpointHealth, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, health.Json);
                return 0;
            }
            var h = health.Value;
            await Table.WriteHeadersAsync(context.Out, [], new IReadOnlyList<string>[]
            {
                ["Overall Health:", h.OverallHealth ?? ""],
                ["BPF Health:", h.Bpf ?? ""],
                ["Policy Health:", h.Policy ?? ""],
                ["Connected:", h.Connected ? "yes" : "no"],
            });
            return 0;
        }));
        return command;
    }
}
