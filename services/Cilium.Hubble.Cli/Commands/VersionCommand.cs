using System.CommandLine;

namespace Cilium.Hubble.Cli.Commands;

public static class VersionCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("version", "Display detailed version information");
        command.SetAction(async (_, _) =>
        {
            await context.Out.WriteLineAsync($"hubble {HubbleVersion.Current}");
            return 0;
        });
        return command;
    }
}
