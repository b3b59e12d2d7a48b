using System.CommandLine;
using Cilium.Dbg.Commands;
using Cilium.Dbg.Commands.Bpf;
using Cilium.Dbg.Commands.Endpoints;
using Cilium.Dbg.Commands.Identities;
using Cilium.Dbg.Commands.Maps;
using Cilium.Dbg.Commands.Policies;

namespace Cilium.Dbg;

/// <summary>The <c>cilium-dbg</c> command tree. Every command talks to the agent's REST API only.</summary>
public static class DbgCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var host = new Option<string?>("--host", "-H")
        {
            Description = "URI to server-side API (unix:///path or a path; default $CILIUM_SOCK or /var/run/cilium/cilium.sock)",
            Recursive = true,
        };
        var context = new DbgContext(stdout, stderr, host);
        var root = new RootCommand("CLI for interacting with the local Cilium Agent")
        {
            host,
            StatusCommand.Create(context),
            EndpointCommand.Create(context),
            IdentityCommand.Create(context),
            PolicyCommand.Create(context),
            BpfCommand.Create(context),
            MapCommand.Create(context),
            ConfigCommand.Create(context),
            MonitorCommand.Create(context),
            IpCommand.Create(context),
            NodeCommand.Create(context),
            VersionCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line, like cobra's "Error: ..."; the full usage is one --help away.
            // "Required command was not provided" also comes with a misspelt verb; the unrecognized token says more.
            var error = parsed.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parsed.Errors[0];
            var oneLine = string.Join(' ', error.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            await stderr.WriteLineAsync($"Error: {oneLine} (see 'cilium-dbg --help')");
            return 1;
        }
        // Program.cs owns Ctrl-C (it cancels the token); the library's own handler would end the process instead.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }
}
