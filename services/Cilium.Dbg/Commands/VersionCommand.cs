using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;

namespace Cilium.Dbg.Commands;

/// <summary><c>cilium-dbg version</c>: this client's version, then the agent's (from GET /v1/healthz, <c>cilium.msg</c>).</summary>
public static class VersionCommand
{
    public static Command Create(DbgContext context)
    {
        var command = new Command("version", "Print version information");
        command.SetAction(async (parse, ct) =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            await context.Out.WriteLineAsync($"Client: {version} .NET {Environment.Version} {RuntimeInformation.RuntimeIdentifier}");
            return await context.RunAsync(parse, async client =>
            {
                var status = await client.GetAsync(AgentPaths.Healthz, CiliumJsonContext.Default.StatusResponse, ct);
                await context.Out.WriteLineAsync($"Daemon: {status.Value.Cilium?.Msg ?? "unknown"}");
                return 0;
            });
        });
        return command;
    }
}
