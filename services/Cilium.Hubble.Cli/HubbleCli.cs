using System.CommandLine;
using Cilium.Hubble.Cli.Commands;

namespace Cilium.Hubble.Cli;

/// <summary>The <c>hubble</c> command line: <c>observe</c>, <c>status</c>, <c>list nodes</c>, <c>list namespaces</c>, <c>version</c>.</summary>
public static class HubbleCli
{
    public const string DefaultServer = "localhost:4245";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdout, stderr, time ?? TimeProvider.System);
        var server = new Option<string>("--server")
        {
            Description = "Address of a Hubble server (relay or node observer): host:port or unix:///path",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HUBBLE_SERVER") ?? DefaultServer,
            Recursive = true,
        };
        var root = new RootCommand("hubble: observe the flows of a Cilium cluster")
        {
            server,
            ObserveCommand.Create(server, context, args),
            StatusCommand.Create(server, context),
            ListCommand.Create(server, context),
            VersionCommand.Create(context),
        };
        var parsed = root.Parse(Commands.FilterArguments.WithoutNot(args));
        if (parsed.Errors.Count > 0)
        {
            // One line, like hubble's cobra errors; the full help is one --help away.
            await stderr.WriteLineAsync($"Error: {parsed.Errors[0].Message} (see 'hubble --help')");
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }
}
