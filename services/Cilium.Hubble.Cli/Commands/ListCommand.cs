using System.CommandLine;
using System.Globalization;
using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Relay;
using Cilium.Hubble.Flows;
using Cilium.Hubble.Cli.Printing;
using Grpc.Core;

namespace Cilium.Hubble.Cli.Commands;

/// <summary><c>hubble list nodes</c> and <c>hubble list namespaces</c>.</summary>
public static class ListCommand
{
    public static Command Create(Option<string> server, CliContext context)
    {
        var nodes = new Command("nodes", "List Hubble nodes");
        nodes.SetAction((parse, ct) => RunAsync(parse.GetValue(server)!, context, async (client, c) =>
        {
            var response = await client.GetNodesAsync(new GetNodesRequest(), cancellationToken: c);
            var rows = response.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => new[]
            {
                n.Name,
                StateName(n.State),
                Age(TimeSpan.FromTicks((long)(n.UptimeNs / 100))),
                n.UptimeNs == 0 ? "N/A" : string.Create(CultureInfo.InvariantCulture, $"{n.SeenFlows / (n.UptimeNs / 1e9):0.00}"),
                n.State == NodeState.NodeConnected ? StatusCommand.Flows(n.NumFlows, n.MaxFlows) : "N/A",
            });
            await Table.WriteAsync(context.Out, ["NAME", "STATUS", "AGE", "FLOWS/S", "CURRENT/MAX-FLOWS"], rows);
        }, ct));
        var namespaces = new Command("namespaces", "List namespaces with recent flows");
        namespaces.SetAction((parse, ct) => RunAsync(parse.GetValue(server)!, context, async (client, c) =>
        {
            var response = await client.GetNamespacesAsync(new GetNamespacesRequest(), cancellationToken: c);
            var rows = response.Namespaces.Select(n => new[] { n.Cluster, n.Namespace_ });
            await Table.WriteAsync(context.Out, ["CLUSTER", "NAMESPACE"], rows);
        }, ct));
        return new Command("list", "List Hubble objects") { nodes, namespaces };
    }

    private static async Task<int> RunAsync(string address, CliContext context, Func<Contracts.Observer.Observer.ObserverClient, CancellationToken, Task> body, CancellationToken ct)
    {
        using var channel = HubbleChannels.Create(address);
        try
        {
            await body(new Contracts.Observer.Observer.ObserverClient(channel), ct);
            return 0;
        }
        catch (RpcException e)
        {
            await context.Error.WriteLineAsync(ServerError.Describe(address, e));
            return 1;
        }
    }

    private static string StateName(NodeState state) => state switch
    {
        NodeState.NodeConnected => "Connected",
        NodeState.NodeUnavailable => "Unavailable",
        NodeState.NodeGone => "Gone",
        NodeState.NodeError => "Error",
        _ => ProtoEnumNames<NodeState>.Name(state),
    };

    /// <summary>Go-duration-like ages: <c>45s</c>, <c>2m33s</c>, <c>3h4m</c>, <c>2d3h</c>.</summary>
    public static string Age(TimeSpan age) => age switch
    {
        { TotalDays: >= 1 } => $"{(int)age.TotalDays}d{age.Hours}h",
        { TotalHours: >= 1 } => $"{(int)age.TotalHours}h{age.Minutes}m",
        { TotalMinutes: >= 1 } => $"{(int)age.TotalMinutes}m{age.Seconds}s",
        _ => $"{(int)age.TotalSeconds}s",
    };
}
