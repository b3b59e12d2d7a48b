using System.Text.Json;

namespace Cilium.Cli.Hubble;

/// <summary>The parts of a Hubble flow that flow validation looks at; pods as <c>namespace/name</c>, empty when not a pod.</summary>
public sealed record HubbleFlow(string Verdict, string DropReason, string SourcePod, string DestinationPod, string SourceIp, string DestinationIp, bool IsReply, string Node)
{
    public static HubbleFlow From(JsonElement flow)
    {
        static string Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        static JsonElement Child(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;
        static string Pod(JsonElement ep) => Text(ep, "pod_name") is { Length: > 0 } name ? $"{Text(ep, "namespace")}/{name}" : "";
        var ip = Child(flow, "IP");
        return new HubbleFlow(
            Text(flow, "verdict"),
            Text(flow, "drop_reason_desc"),
            Pod(Child(flow, "source")),
            Pod(Child(flow, "destination")),
            Text(ip, "source"),
            Text(ip, "destination"),
            // is_reply is a BoolValue: proto3 JSON writes it as a plain true/false, absent when unknown.
            Child(flow, "is_reply").ValueKind == JsonValueKind.True,
            Text(flow, "node_name"));
    }

    public override string ToString() =>
        $"{Node}: {(SourcePod.Length > 0 ? SourcePod : SourceIp)} -> {(DestinationPod.Length > 0 ? DestinationPod : DestinationIp)} {Verdict}{(DropReason.Length > 0 ? " " + DropReason : "")}{(IsReply ? " (reply)" : "")}";
}
