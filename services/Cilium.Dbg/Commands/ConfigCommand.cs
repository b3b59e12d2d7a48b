using System.CommandLine;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands;

/// <summary><c>cilium-dbg config [--all]</c>: the agent's runtime options. Calls GET /v1/config.</summary>
public static class ConfigCommand
{
    // cilium-dbg prints "%-34s: %s"; kept so scripts that cut columns keep working.
    private const int KeyWidth = 34;

    public static Command Create(DbgContext context)
    {
        var all = new Option<bool>("--all", "-a") { Description = "Display all cilium configurations" };
        var output = OutputOption.Create();
        var command = new Command("config", "Cilium configuration options") { all, output };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var config = await client.GetAsync(AgentPaths.Config, CiliumJsonContext.Default.DaemonConfiguration, ct);
            if (parse.IsJson(output))
            {
                await JsonText.WriteAsync(context.Out, config.Json);
                return 0;
            }
            var realized = config.Value.Status?.Realized ?? config.Value.Spec;
            var options = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in realized?.Options ?? new Dictionary<string, string>())
            {
                options[key] = value;
            }
            if (realized?.PolicyEnforcement is { } enforcement)
            {
                options["PolicyEnforcement"] = enforcement;
            }
            await context.Out.WriteLineAsync("##### Read-write configurations #####");
            await WriteAsync(context.Out, options);
            if (parse.GetValue(all) && config.Value.Status?.Immutable is { Count: > 0 } immutable)
            {
                await context.Out.WriteLineAsync("##### Read-only configurations #####");
                await WriteAsync(context.Out, new SortedDictionary<string, string>(immutable.ToDictionary(), StringComparer.Ordinal));
            }
            return 0;
        }));
        return command;
    }

    private static async Task WriteAsync(TextWriter output, SortedDictionary<string, string> options)
    {
        foreach (var (key, value) in options)
        {
            await output.WriteLineAsync($"{key.PadRight(KeyWidth)}: {value}");
        }
    }
}
