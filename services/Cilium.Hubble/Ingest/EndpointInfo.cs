namespace Cilium.Hubble.Ingest;

/// <summary>What the agent knows of an endpoint (local or on another node) behind an IP.</summary>
/// <param name="Labels">Source-prefixed labels as Cilium shows them, e.g. <c>k8s:app=frontend</c>.</param>
public sealed record EndpointInfo(ulong Id, uint Identity, string Namespace, string PodName, IReadOnlyList<string> Labels)
{
    public string ClusterName { get; init; } = "";
}
