using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands;

/// <summary><c>cilium-dbg status [--verbose | --brief]</c>. Calls GET /v1/healthz.</summary>
public static class StatusCommand
{
    public static Command Create(DbgContext context)
    {
        var verbose = new Option<bool>("--verbose") { Description = "Equivalent to --all-addresses --all-controllers --all-nodes --all-redirects --all-clusters" };
        var brief = new Option<bool>("--brief") { Description = "Only print a one-line status message" };
        var output = OutputOption.Create();
        var command = new Command("status", "Display status of daemon") { verbose, brief, output };
        command.Validators.Add(result =>
        {
            if (result.GetValue(verbose) && result.GetValue(brief))
            {
                result.AddError("--verbose and --brief cannot be used together");
            }
        });
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var status = await client.GetAsync(AgentPaths.Healthz, CiliumJsonContext.Default.StatusResponse, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, status.Json);
                return 0;
            }
            if (parse.GetValue(brief))
            {
                var problem = StatusText.FirstProblem(status.Value);
                if (problem is null)
                {
                    await context.Out.WriteLineAsync("OK");
                    return 0;
                }
                await context.Error.WriteLineAsync(problem);
                return 1;
            }
            await StatusText.WriteAsync(context.Out, status.Value, parse.GetValue(verbose));
            return status.Value.Cilium?.State is StatusState.Failure ? 1 : 0;
        }));
        return command;
    }
}
