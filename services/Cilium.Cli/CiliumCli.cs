using System.CommandLine;
using Cilium.Cli.Connectivity;
using Cilium.Cli.Hubble;
using Cilium.Cli.Lab;
using Cilium.Cli.Status;

namespace Cilium.Cli;

/// <summary>The <c>cilium</c> command tree: lab, status, connectivity test, hubble, version.</summary>
public static class CiliumCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var labName = CliContext.CreateLabNameOption();
        var context = new CliContext(stdout, stderr, labName);
        var root = new RootCommand("CLI to install, manage & troubleshoot Cilium clusters (here: lab clusters of network namespaces)")
        {
            labName,
            LabCommand.Create(context),
            StatusCommand.Create(context),
            ConnectivityCommand.Create(context),
            HubbleCommand.Create(context),
            VersionCommand.Create(context),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var error = parsed.Errors.FirstOrDefault(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)) ?? parsed.Errors[0];
            await stderr.WriteLineAsync($"Error: {error.Message.ReplaceLineEndings(" ")} (see 'cilium --help')");
            return 1;
        }
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        return await parsed.InvokeAsync(invocation, cancellationToken);
    }
}
