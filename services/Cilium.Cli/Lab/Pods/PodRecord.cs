namespace Cilium.Cli.Lab.Pods;

/// <summary>A lab pod as <c>pods/&lt;ns&gt;_&lt;name&gt;.json</c> records it: what DEL needs after the CLI exited.</summary>
/// <param name="Attachment">"cni" (through cilium-cni) or "direct" (the CLI's fallback while the plugin is missing).</param>
public sealed record PodRecord(
    string Namespace,
    string Name,
    string Node,
    string Netns,
    string ContainerId,
    string? Ipv4,
    IReadOnlyDictionary<string, string> Labels,
    string Attachment,
    DateTimeOffset CreatedAt)
{
    public string Id => $"{Namespace}/{Name}";
    public string NetnsPath => $"/var/run/netns/{Netns}";
}
