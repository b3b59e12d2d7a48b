using System.CommandLine;
using System.Text.Json;
using Cilium.Cli.Infrastructure;
using Cilium.Cli.Lab;

namespace Cilium.Cli.Status;

/// <summary><c>cilium status [--wait] [--wait-duration 5m] [-o json]</c> for a lab.</summary>
public static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var wait = new Option<bool>("--wait") { Description = "Wait for status to report success (no errors and warnings)" };
        var waitDuration = new Option<string>("--wait-duration") { Description = "Maximum time to wait for status", DefaultValueFactory = _ => "5m" };
        var output = new Option<string>("--output", "-o") { Description = "Output format. One of: json, summary", DefaultValueFactory = _ => "summary" };
        output.AcceptOnlyFromAmong("json", "summary");
        var command = new Command("status", "Display status") { wait, waitDuration, output };
        command.SetAction((parse, ct) => context.RunAsync(async () =>
        {
            var layout = context.Layout(parse);
            var state = LabStateStore.Require(layout);
            var collector = new StatusCollector(layout, state);
            var report = await collector.CollectAsync(ct);
            if (parse.GetValue(wait))
            {
                var deadline = DateTime.UtcNow + Durations.Parse(parse.GetValue(waitDuration)!);
                while (!(report.Ok && report.Warnings.Count == 0) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(500, ct);
                    report = await collector.CollectAsync(ct);
                }
            }
            await context.Out.WriteAsync(parse.GetValue(output) == "json" ? JsonSerializer.Serialize(report, Json) + "\n" : StatusPrinter.Format(report));
            return report.Ok ? 0 : 1;
        }));
        return command;
    }
}
