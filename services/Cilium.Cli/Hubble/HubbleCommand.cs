using System.CommandLine;
using Cilium.Cli.Lab;

namespace Cilium.Cli.Hubble;

/// <summary><c>cilium hubble enable [--ui]</c>, <c>disable</c> and <c>ui</c>: Hubble Relay (and its UI) in the lab.</summary>
public static class HubbleCommand
{
    public static Command Create(CliContext context)
    {
        var ui = new Option<bool>("--ui") { Description = "Enable Hubble UI" };
        var staticPeers = new Option<bool>("--static-peers")
        {
            Description = "Give the relay every node's observer as a static --peer instead of discovering them through a node's Peer service",
        };
        var enable = new Command("enable", "Enable Hubble observability (start hubble-relay over every node's observer)") { ui, staticPeers };
        enable.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            await new LabHubble(context.Layout(parse), context.Executables, context.Out).EnableAsync(parse.GetValue(ui), parse.GetValue(staticPeers), ct);
            return 0;
        }));

        var disable = new Command("disable", "Disable Hubble (stop hubble-relay and its UI)");
        disable.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            await new LabHubble(context.Layout(parse), context.Executables, context.Out).DisableAsync(ct);
            return 0;
        }));

        var open = new Command("ui", "Print the address of the Hubble UI");
        open.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var layout = context.Layout(parse);
            var relay = LabStateStore.Require(layout).HubbleRelay
                ?? throw new InvalidOperationException($"Hubble is not enabled in lab '{layout.Name}'; run: cilium hubble enable --ui --name {layout.Name}");
            var url = relay.UiUrl ?? throw new InvalidOperationException($"the Hubble UI is not enabled in lab '{layout.Name}'; run: cilium hubble enable --ui --name {layout.Name}");
            await context.Out.WriteLineAsync($"ℹ️  Hubble UI: {url}");
            return 0;
        }));

        return new Command("hubble", "Hubble observability") { enable, disable, open };
    }
}
