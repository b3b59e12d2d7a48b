using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Cilium.Contracts.Agent;
using Cilium.Contracts.Json;
using Cilium.Dbg.Printing;

namespace Cilium.Dbg.Commands;

/// <summary>
/// <c>cilium-dbg monitor [-t drop|trace|policy-verdict]... [--related-to &lt;ep&gt;] [-j]</c>: follows datapath events
/// until Ctrl-C. Calls GET /v1/monitor?follow=true[&amp;type=T...][&amp;related-to=N], a JSON-lines stream of MonitorEvent.
/// The filters are applied here too, so the output is right even if the agent ignores a query.
/// </summary>
public static class MonitorCommand
{
    public static Command Create(DbgContext context)
    {
        var types = new Option<string[]>("--type", "-t") { Description = "Filter by event types: drop, trace, policy-verdict" };
        types.AcceptOnlyFromAmong([.. MonitorEventType.All]);
        var relatedTo = new Option<long?>("--related-to")
        {
            Description = "Filter by events related to this endpoint id",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id <= EndpointIdSpec.MaxLocalId)
                {
                    return id;
                }
                result.AddError($"--related-to must be a local endpoint id (0..{EndpointIdSpec.MaxLocalId}), not \"{text}\"");
                return null;
            },
        };
        var json = new Option<bool>("--json", "-j") { Description = "Enable json output. Shadows -v flag" };
        var command = new Command("monitor", "Display BPF program events") { types, relatedTo, json };
        command.SetAction((parse, ct) => context.RunAsync(parse, async client =>
        {
            var wanted = parse.GetValue(types) ?? [];
            var endpoint = parse.GetValue(relatedTo);
            var raw = parse.GetValue(json);
            async Task Connected()
            {
                if (!raw)
                {
                    await context.Out.WriteLineAsync("Press Ctrl-C to quit");
                    await context.Out.FlushAsync(ct);
                }
            }
            try
            {
                await foreach (var line in client.StreamLinesAsync(Query(wanted, endpoint), Connected, ct))
                {
                    var monitorEvent = Read(line);
                    if (monitorEvent is null)
                    {
                        await context.Error.WriteLineAsync($"Error: unreadable monitor event: {line}");
                        continue;
                    }
                    if ((wanted.Length > 0 && !wanted.Contains(monitorEvent.Type)) || (endpoint is { } id && monitorEvent.EndpointId != id))
                    {
                        continue;
                    }
                    await context.Out.WriteLineAsync(raw ? line : MonitorText.Format(monitorEvent));
                    // Lines must reach a pipe (grep, a test) as they happen, not when a buffer fills.
                    await context.Out.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C: the normal way to stop following.
            }
            return 0;
        }));
        return command;
    }

    private static string Query(string[] types, long? relatedTo)
    {
        var query = new List<string> { $"{AgentPaths.MonitorFollowQuery}=true" };
        query.AddRange(types.Distinct().Select(t => $"{AgentPaths.MonitorTypeQuery}={Uri.EscapeDataString(t)}"));
        if (relatedTo is { } id)
        {
            query.Add($"{AgentPaths.MonitorRelatedToQuery}={id.ToString(CultureInfo.InvariantCulture)}");
        }
        return AgentPaths.Monitor + "?" + string.Join('&', query);
    }

    private static MonitorEvent? Read(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, CiliumJsonContext.Default.MonitorEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
