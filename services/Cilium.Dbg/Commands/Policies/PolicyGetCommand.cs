using System.CommandLine;
using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands.Policies;

/// <summary><c>cilium-dbg policy get</c>: the rules the agent holds, then <c>Revision: N</c>. Calls GET /v1/policy.</summary>
public static class PolicyGetCommand
{
    public static Command Create(DbgContext context)
    {
        var output = OutputOption.Create();
        var command = new Command("get", "Display policy node information") { output };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var policy = await client.GetAsync(AgentPaths.Policy, CiliumJsonContext.Default.PolicyResponse, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, policy.Json);
                return 0;
            }
            await context.Out.WriteLineAsync(Rules(policy.Value.Policy));
            await context.Out.WriteLineAsync($"Revision: {policy.Value.Revision}");
            return 0;
        }));
        return command;
    }

    // The rules arrive as JSON text inside the JSON answer; indent them, but show text that is not JSON as it is.
    private static string Rules(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "[]";
        }
        try
        {
            return JsonText.Indent(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
