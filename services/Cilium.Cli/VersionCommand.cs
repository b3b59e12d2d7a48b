using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Cilium.Cli;

/// <summary><c>cilium version</c>: the CLI's version and that of the agents of the current lab when it runs.</summary>
public static class VersionCommand
{
    /// <summary>The Cilium release whose behaviour and API this re-implementation follows (reference/CILIUM.md).</summary>
    public const string CiliumCompatible = "1.19.4";

    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static Command Create(CliContext context)
    {
        var client = new Option<bool>("--client") { Description = "If true, shows client version only (no server version)" };
        var command = new Command("version", "Display detailed version information") { client };
        command.SetAction(async (parse, ct) =>
        {
            await context.Out.WriteLineAsync($"cilium-cli: v{Version} compiled with {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription.Split(' ')[0].ToLowerInvariant()}/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}");
            await context.Out.WriteLineAsync($"cilium image (default): v{CiliumCompatible} (API and behaviour followed)");
            if (parse.GetValue(client))
            {
                return 0;
            }
            var state = Lab.LabStateStore.Load(context.Layout(parse));
            await context.Out.WriteLineAsync(state is null
                ? "cilium image (running): unknown. Unable to find a running lab (cilium lab up)."
                : $"cilium image (running): v{Version} (lab \"{state.Name}\", {state.Agents.Count} agents)");
            return 0;
        });
        return command;
    }
}
