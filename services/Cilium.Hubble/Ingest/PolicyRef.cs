namespace Cilium.Hubble.Ingest;

/// <summary>A policy that allowed or denied a flow, as carried in <c>egress_allowed_by</c> and friends.</summary>
/// <param name="Kind">CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy or NetworkPolicy.</param>
public sealed record PolicyRef(string Name, string Namespace, string Kind, IReadOnlyList<string> Labels, ulong Revision);
