using System.CommandLine;
using System.Globalization;
using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Observer;
using Grpc.Core;
using Grpc.Health.V1;

namespace Cilium.Hubble.Cli.Commands;

/// <summary><c>hubble status</c>: health, flow counts, rate and connected nodes, in hubble's words.</summary>
public static class StatusCommand
{
    public static Command Create(Option<string> server, CliContext context)
    {
        var command = new Command("status", "Display status of Hubble server");
        command.SetAction(async (parse, ct) =>
        {
            var address = parse.GetValue(server)!;
            using var channel = HubbleChannels.Create(address);
            try
            {
                var health = await new Health.HealthClient(channel).CheckAsync(
                    new HealthCheckRequest { Service = Contracts.Observer.Observer.Descriptor.FullName }, deadline: Deadline(), cancellationToken: ct);
                var ok = health.Status == HealthCheckResponse.Types.ServingStatus.Serving;
                await context.Out.WriteLineAsync($"Healthcheck (via {address}): {(ok ? "Ok" : health.Status.ToString())}");
                var status = await new Contracts.Observer.Observer.ObserverClient(channel).ServerStatusAsync(new ServerStatusRequest(), deadline: Deadline(), cancellationToken: ct);
                await WriteStatusAsync(context.Out, status);
                return ok ? 0 : 1;
            }
            catch (RpcException e)
            {
                await context.Error.WriteLineAsync(ServerError.Describe(address, e));
                return 1;
            }
        });
        return command;
    }

    public static async Task WriteStatusAsync(TextWriter output, ServerStatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(status);
        await output.WriteLineAsync($"Current/Max Flows: {Flows(status.NumFlows, status.MaxFlows)}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Flows/s: {status.FlowsRate:0.00}"));
        if (status.NumConnectedNodes is { } connected)
        {
            var total = connected + (status.NumUnavailableNodes ?? 0);
            await output.WriteLineAsync($"Connected Nodes: {connected}/{total}");
        }
        if (status.NumUnavailableNodes is > 0)
        {
            await output.WriteLineAsync($"Unavailable Nodes: {status.NumUnavailableNodes}");
            foreach (var node in status.UnavailableNodes)
            {
                await output.WriteLineAsync($"  - {node}");
            }
        }
    }

    public static string Flows(ulong current, ulong max) =>
        string.Create(CultureInfo.InvariantCulture, $"{current:N0}/{max:N0} ({(max == 0 ? 0 : 100.0 * current / max):0.00}%)");

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(10);
}
