namespace Cilium.Cli.Connectivity;

/// <summary>A policy as YAML, and the REST resource it is deleted by (<c>ciliumnetworkpolicies</c>, <c>networkpolicies</c>).</summary>
public sealed record PolicyManifest(string Resource, string Name, string Yaml);
