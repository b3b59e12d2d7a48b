using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cilium.Cni.Spec;

/// <summary>
/// The plugin's entry of a network configuration list as the runtime passes it on stdin (the conflist's
/// <c>cniVersion</c> and <c>name</c> plus the entry's own keys). Unknown keys are ignored, as the spec asks.
/// </summary>
/// <param name="SocketPath">The agent to call; several agents share a machine in the lab. Default: <c>CILIUM_SOCK</c>, then Cilium's path.</param>
/// <param name="LogFile">Where to append one line per invocation; none when empty.</param>
/// <param name="ClusterName">Value of the <c>k8s:io.cilium.k8s.policy.cluster</c> label every pod gets.</param>
/// <param name="Mtu">MTU of both ends of the veth; the kernel default when absent.</param>
/// <param name="Args">The conventions' <c>args</c> object; <c>args.cni.labels</c> adds labels.</param>
/// <param name="PrevResult">The ADD result a CHECK verifies (and chained plugins receive).</param>
public sealed record NetConf(
    [property: JsonPropertyName("cniVersion")] string? CniVersion,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("socket-path")] string? SocketPath = null,
    [property: JsonPropertyName("log-file")] string? LogFile = null,
    [property: JsonPropertyName("cluster-name")] string? ClusterName = null,
    [property: JsonPropertyName("mtu")] int? Mtu = null,
    [property: JsonPropertyName("args")] JsonElement? Args = null,
    [property: JsonPropertyName("prevResult")] JsonElement? PrevResult = null)
{
    public const string PluginType = "cilium-cni";
}
