namespace Cilium.Cli.Connectivity;

/// <summary>One end of an action: a test pod, or a node (its host namespace).</summary>
/// <param name="Netns">Where the action's command runs when this is the source.</param>
/// <param name="Labels">Pod labels (empty for a node).</param>
public sealed record Peer(string Name, string Display, string Ip, string Netns, string Node, IReadOnlyDictionary<string, string> Labels, bool IsNode = false)
{
    public bool Has(string key, string value) => Labels.TryGetValue(key, out var v) && v == value;
}
