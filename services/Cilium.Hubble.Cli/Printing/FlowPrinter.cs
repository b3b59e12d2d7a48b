using System.Globalization;
using Cilium.Hubble.Contracts.Observer;
using Cilium.Hubble.Contracts.Relay;
using Cilium.Hubble.Flows;
using Google.Protobuf;

namespace Cilium.Hubble.Cli.Printing;

/// <summary>Prints GetFlows responses in one of hubble's formats: compact, dict, json/jsonpb, table.</summary>
public sealed class FlowPrinter(TextWriter output, TextWriter error, OutputFormat format, bool printNodeName)
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true));
    private bool _headerWritten;
    private int _printed;

    public async Task PrintAsync(GetFlowsResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (format is OutputFormat.Json or OutputFormat.Jsonpb)
        {
            await output.WriteLineAsync(Json.Format(response));
            return;
        }
        switch (response.ResponseTypesCase)
        {
            case GetFlowsResponse.ResponseTypesOneofCase.Flow:
                await PrintFlowAsync(response);
                break;
            case GetFlowsResponse.ResponseTypesOneofCase.LostEvents:
                var lost = response.LostEvents;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{FlowText.Time(response.Time)}{Node(response.NodeName)}: EVENTS LOST: {ProtoEnumNames<Contracts.Flow.LostEventSource>.Name(lost.Source)} CPU({lost.Cpu ?? 0}) {lost.NumEventsLost}"));
                break;
            case GetFlowsResponse.ResponseTypesOneofCase.NodeStatus:
                var status = response.NodeStatus;
                // Like hubble: node status goes to stderr so that stdout stays a clean list of flows.
                await error.WriteLineAsync($"{FlowText.Time(response.Time)}: {ProtoEnumNames<NodeState>.Name(status.StateChange)}: {string.Join(", ", status.NodeNames)}{(status.Message.Length > 0 ? ": " + status.Message : "")}");
                break;
        }
    }

    private async Task PrintFlowAsync(GetFlowsResponse response)
    {
        var flow = response.Flow;
        var (src, arrow, dst) = FlowText.Sides(flow);
        var type = FlowNames.CompactType(flow);
        var verdict = FlowText.Verdict(flow.Verdict);
        var summary = FlowText.Summary(flow);
        var time = FlowText.Time(flow.Time ?? response.Time);
        var node = flow.NodeName.Length > 0 ? flow.NodeName : response.NodeName;
        switch (format)
        {
            case OutputFormat.Compact:
                await output.WriteLineAsync($"{time}{Node(node)}: {src} {arrow} {dst} {type} {verdict}{(summary.Length > 0 ? $" ({summary})" : "")}");
                break;
            case OutputFormat.Dict:
                if (_printed++ > 0)
                {
                    await output.WriteLineAsync("------------");
                }
                await output.WriteLineAsync($"  TIMESTAMP: {time}");
                if (printNodeName)
                {
                    await output.WriteLineAsync($"       NODE: {node}");
                }
                await output.WriteLineAsync($"     SOURCE: {src}");
                await output.WriteLineAsync($"DESTINATION: {dst}");
                await output.WriteLineAsync($"       TYPE: {type}");
                await output.WriteLineAsync($"    VERDICT: {verdict}");
                await output.WriteLineAsync($"    SUMMARY: {summary}");
                break;
            case OutputFormat.Table:
                if (!_headerWritten)
                {
                    _headerWritten = true;
                    await output.WriteLineAsync(Row(printNodeName ? ["TIMESTAMP", "NODE", "SOURCE", "DESTINATION", "TYPE", "VERDICT", "SUMMARY"] : ["TIMESTAMP", "SOURCE", "DESTINATION", "TYPE", "VERDICT", "SUMMARY"]));
                }
                await output.WriteLineAsync(Row(printNodeName ? [time, node, src, dst, type, verdict, summary] : [time, src, dst, type, verdict, summary]));
                break;
        }
    }

    /// <summary>Fixed widths: rows are printed as they arrive (also with --follow), so they cannot be measured first.</summary>
    private string Row(string[] cells)
    {
        int[] widths = printNodeName ? [19, 16, 40, 40, 22, 10, 0] : [19, 40, 40, 22, 10, 0];
        return string.Concat(cells.Select((c, i) => widths[i] == 0 ? c : c.PadRight(widths[i]) + " ")).TrimEnd();
    }

    private string Node(string name) => printNodeName && name.Length > 0 ? $" [{name}]" : "";
}
