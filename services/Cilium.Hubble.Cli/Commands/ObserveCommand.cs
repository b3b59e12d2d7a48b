using System.CommandLine;
using Cilium.Hubble.Cli.Printing;
using Cilium.Hubble.Client;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Filters;
using Cilium.Hubble.Query;
using Grpc.Core;

namespace Cilium.Hubble.Cli.Commands;

/// <summary><c>hubble observe</c>: GetFlows with hubble's selection and filter flags, printed as compact lines by default.</summary>
public static class ObserveCommand
{
    public static Command Create(Option<string> server, CliContext context, IReadOnlyList<string> rawArgs)
    {
        var last = new Option<ulong?>("--last") { Description = "Get last N flows stored in Hubble's buffer (default 20); with a relay, N per node" };
        var first = new Option<ulong?>("--first") { Description = "Get first N flows stored in Hubble's buffer" };
        var all = new Option<bool>("--all") { Description = "Get all flows stored in Hubble's buffer" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Follow flows output" };
        var since = new Option<string?>("--since") { Description = "Filter flows since a specific date (relative, e.g. 5m, or RFC 3339)" };
        var until = new Option<string?>("--until") { Description = "Filter flows until a specific date (relative, e.g. 5m, or RFC 3339)" };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "Show all flows in any Kubernetes namespace" };
        var not = new Option<bool>("--not") { Description = "Reverse the next filter" };
        var output = new Option<string>("--output", "-o")
        {
            Description = "Output format: compact, dict, json, jsonpb, table",
            DefaultValueFactory = _ => "compact",
        };
        output.AcceptOnlyFromAmong("compact", "dict", "json", "jsonpb", "table");
        var printNodeName = new Option<bool>("--print-node-name") { Description = "Print node name in output" };

        var command = new Command("observe", "Observe flows of a Hubble server")
        {
            last, first, all, follow, since, until, allNamespaces, not, output, printNodeName,
        };
        var filterOptions = new Dictionary<string, Option<string[]>>(StringComparer.Ordinal);
        foreach (var flag in FlowFilterBuilder.Flags.Order(StringComparer.Ordinal))
        {
            var option = flag switch
            {
                "namespace" => new Option<string[]>("--namespace", "-n"),
                "label" => new Option<string[]>("--label", "-l"),
                "type" => new Option<string[]>("--type", "-t"),
                _ => new Option<string[]>("--" + flag),
            };
            option.Description = $"Filter by {flag.Replace('-', ' ')}";
            command.Options.Add(option);
            filterOptions[flag] = option;
        }

        command.SetAction(async (parse, ct) =>
        {
            var address = parse.GetValue(server)!;
            GetFlowsRequest request;
            try
            {
                if (parse.GetValue(allNamespaces) && parse.GetValue(filterOptions["namespace"]) is { Length: > 0 })
                {
                    throw new FormatException("--all-namespaces cannot be used with --namespace");
                }
                var filters = FilterArguments.Collect(rawArgs);
                var query = new FlowQuery
                {
                    Last = parse.GetValue(last),
                    First = parse.GetValue(first),
                    All = parse.GetValue(all),
                    Follow = parse.GetValue(follow),
                    Since = parse.GetValue(since),
                    Until = parse.GetValue(until),
                };
                request = query.ToRequest(filters.Whitelist, filters.Blacklist, context.Time.GetUtcNow());
            }
            catch (Exception e) when (e is FormatException or FilterException)
            {
                await context.Error.WriteLineAsync($"Error: {e.Message}");
                return 2;
            }
            var format = Enum.Parse<OutputFormat>(parse.GetValue(output)!, ignoreCase: true);
            var printer = new FlowPrinter(context.Out, context.Error, format, parse.GetValue(printNodeName));
            using var channel = HubbleChannels.Create(address);
            var client = new Contracts.Observer.Observer.ObserverClient(channel);
            try
            {
                using var call = client.GetFlows(request, cancellationToken: ct);
                await foreach (var response in call.ResponseStream.ReadAllAsync(ct))
                {
                    await printer.PrintAsync(response);
                }
                return 0;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
            {
                return 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 0;
            }
            catch (RpcException e)
            {
                await context.Error.WriteLineAsync(ServerError.Describe(address, e));
                return 1;
            }
        });
        return command;
    }
}
